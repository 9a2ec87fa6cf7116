/** The lead side of `scoresync explain`: the leads matched to an account, and one lead on its own (by id or email). */
import type { Lead } from '../../model/records.js';
import type { Contributor, LeadScore } from '../../model/scores.js';
import { formatContributor } from '../../scoring/explain/reasons.js';
import { personDisplayName } from '../../scoring/person-name.js';
import { chunk } from '../../store/common/collections.js';
import type { StateStore } from '../../store/store.js';

export interface MatchedLeadView {
  lead: Lead;
  matchReason: string | null;
  score: LeadScore | null;
}

/** The account's matched leads with why they matched and their latest scores. */
export async function matchedLeads(store: StateStore, source: string, accountId: string): Promise<MatchedLeadView[]> {
  const [bundle] = await store.loadBundles(source, [accountId], { activities: false });
  if (!bundle || bundle.leads.length === 0) return [];
  const scores = await store.latestLeadScores(source, bundle.leads.map((l) => l.id));
  return bundle.leads.map((lead) => ({ lead, matchReason: bundle.leadMatchReasons?.[lead.id] ?? null, score: scores.get(lead.id) ?? null }));
}

export function matchedLeadLines(leads: readonly MatchedLeadView[]): string[] {
  if (leads.length === 0) return [];
  return [
    '  Leads (matched to this account, in its buying team):',
    ...leads.map(({ lead, matchReason, score }) => {
      const scored = score ? `${score.persona ?? 'no persona'} ${score.personaGrade} (${Math.round(score.personaScore)}), engagement ${Math.round(score.engagement.score)}${score.lifecycleStage ? `, ${score.lifecycleStage}` : ''}` : 'not scored yet';
      return `    ${lead.id} ${personDisplayName(lead)}: ${scored}; matched by ${matchReason ?? '?'}`;
    }),
  ];
}

/** A lead by id, or by email (case-insensitive) when exactly one lead has it. */
export async function findLead(store: StateStore, source: string, query: string): Promise<Lead | Lead[] | null> {
  const byId = await store.getRecord(source, 'lead', query);
  if (byId) return byId;
  const wanted = query.trim().toLowerCase();
  if (!wanted.includes('@')) return null;
  const found: Lead[] = [];
  for (const part of chunk(await store.listLeadIds(source))) {
    for (const lead of await store.getLeads(source, part)) if (lead.email?.trim().toLowerCase() === wanted) found.push(lead);
  }
  return found.length === 0 ? null : found.length === 1 ? (found[0] as Lead) : found;
}

function contributorLines(list: readonly Contributor[]): string[] {
  return list.map((c) => `    ${c.points === 0 ? '• ' : ''}${formatContributor(c)}`);
}

/** One lead: where it stands (matched, alone, converted) and its latest score with every contributor. */
export async function leadLines(store: StateStore, source: string, lead: Lead): Promise<{ lines: string[]; json: unknown }> {
  const match = (await store.leadMatches(source, [lead.id])).get(lead.id) ?? null;
  const score = (await store.latestLeadScores(source, [lead.id])).get(lead.id) ?? null;
  const company = lead.company ? ` at ${lead.company}` : '';
  const where = lead.isConverted
    ? `converted into contact ${lead.convertedContactId ?? '?'} (account ${lead.convertedAccountId ?? '?'}): its history counts for that contact; the lead is no longer scored`
    : match?.status === 'matched'
      ? `matched to account ${match.accountId ?? '?'} by ${match.reason ?? '?'}: it counts in that account's buying team`
      : match?.status === 'unmatched'
        ? 'matched to no account: scored on its own, with a fit from its own firmographics'
        : 'not matched yet (run `scoresync run`)';
  const lines = [`${personDisplayName(lead, true)}${company} (${lead.id})${lead.email ? ` — ${lead.email}` : ''}`, `  ${where}`];
  if (score && !lead.isConverted) {
    const fitOf = score.accountId === null ? 'its own firmographics' : `account ${score.accountId}`;
    lines.push(
      `  scored ${score.scoredAt}`,
      `  Persona ${score.persona ?? 'none'}, grade ${score.personaGrade} (${Math.round(score.personaScore)})`,
      `  Engagement ${Math.round(score.engagement.score)}`,
      ...contributorLines(score.contributors),
      `  Fit ${Math.round(score.fit.score)} (${score.fit.bucket}, ${score.fit.mode} mode) from ${fitOf}`,
      ...contributorLines(score.accountId === null ? score.fit.contributors : []),
      ...(score.lifecycleStage ? [`  Lifecycle stage ${score.lifecycleStage}`] : []),
    );
  }
  return { lines, json: { lead, match, score } };
}
