/**
 * Match: after the pull, decide which account each changed lead belongs to (src/leads), and re-decide for the leads a
 * changed account may attract or lose. Every lead whose account changes moves both its old and its new account into
 * the accounts to score; a lead that lost its account is scored on its own. A full rescore re-matches every lead (so
 * a change of `leads.matching` in the scoring config takes effect there, or at once with --full).
 */
import { accountMatchKeys, buildAccountIndex, leadMatchKeys, matchLead, matchOptions, type AccountIndex, type AccountMatchKey, type MatchOptions } from '../leads/index.js';
import type { Lead } from '../model/records.js';
import { chunk } from '../store/common/collections.js';
import type { LeadMatchRecord } from '../store/store.js';
import type { EngineDeps } from './engine-deps.js';

export interface MatchInput {
  changedAccountIds: ReadonlySet<string>;
  changedLeadIds: ReadonlySet<string>;
  /** Re-match every lead (a full or dry run, or the periodic full rescore). */
  all: boolean;
}

export interface MatchResult {
  /** Leads (re)matched by this run. */
  matched: number;
  /** Old and new accounts of every lead whose account changed. */
  affectedAccountIds: Set<string>;
  /** Leads that are now unmatched and whose match changed: scored on their own. */
  affectedLeadIds: Set<string>;
}

export async function matchPhase(deps: EngineDeps, input: MatchInput): Promise<MatchResult> {
  const result: MatchResult = { matched: 0, affectedAccountIds: new Set(), affectedLeadIds: new Set() };
  const source = deps.connector.name;
  if (await deps.store.countRecords(source, 'lead') === 0) return result;
  if (!input.all && input.changedLeadIds.size === 0 && input.changedAccountIds.size === 0) return result;
  const options = matchOptions(deps.scoringConfig);
  const accounts = await deps.store.accountMatchKeys(source);
  const index = buildAccountIndex(accounts, options);
  const leadIds = input.all ? await deps.store.listLeadIds(source) : await leadsToMatch(deps, input, accounts, options);
  if (leadIds.length === 0) return result;
  deps.progress.start('match leads', leadIds.length);
  for (const part of chunk(leadIds)) {
    const leads = await deps.store.getLeads(source, part);
    const changes = await deps.store.saveLeadMatches(source, leads.map((lead) => matchRecord(lead, index, options)));
    for (const change of changes) {
      if (change.from !== null) result.affectedAccountIds.add(change.from);
      if (change.to !== null) result.affectedAccountIds.add(change.to);
      if (change.status === 'unmatched') result.affectedLeadIds.add(change.leadId);
    }
    result.matched += leads.length;
    deps.progress.tick(part.length);
  }
  deps.progress.finish();
  deps.logger.info('leads matched', { leads: result.matched, accountsAffected: result.affectedAccountIds.size });
  return result;
}

/** The changed leads, and the leads a changed account may now attract (by key) or lose (matched to it). */
async function leadsToMatch(deps: EngineDeps, input: MatchInput, accounts: readonly AccountMatchKey[], options: MatchOptions): Promise<string[]> {
  const ids = new Set(input.changedLeadIds);
  if (input.changedAccountIds.size > 0) {
    const keys = accounts.filter((a) => input.changedAccountIds.has(a.id)).flatMap((a) => accountMatchKeys(a, options));
    for (const id of await deps.store.leadIdsNear(deps.connector.name, keys, [...input.changedAccountIds])) ids.add(id);
  }
  return [...ids].sort();
}

function matchRecord(lead: Lead, index: AccountIndex, options: MatchOptions): LeadMatchRecord {
  if (lead.isConverted) return { leadId: lead.id, status: 'converted', accountId: null, reason: null, keys: [] };
  const match = matchLead(lead, index, options);
  const keys = leadMatchKeys(lead, options);
  return match === null
    ? { leadId: lead.id, status: 'unmatched', accountId: null, reason: null, keys }
    : { leadId: lead.id, status: 'matched', accountId: match.accountId, reason: match.reason, keys };
}
