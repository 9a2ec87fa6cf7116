/**
 * `scoresync explain <account>`: the latest scores of one account with every contributor, its contacts and matched
 * leads, from the state store. A lead id or email explains that lead instead (explain-lead.ts).
 */
import type { Account } from '../../model/records.js';
import type { AccountScorePoint, ContactScore, Contributor } from '../../model/scores.js';
import type { ScoringConfig } from '../../config/scoring-schema.js';
import { gradeAtLeast } from '../../scoring/persona.js';
import { formatContributor } from '../../scoring/explain/reasons.js';
import type { StateStore } from '../../store/store.js';
import { connectorName, loadApp, openAppStore, type GlobalOptions } from '../context.js';
import type { Output } from '../output.js';
import { UserError } from '../user-error.js';
import { editDistance } from '../../config/suggest.js';
import { personDisplayName } from '../../scoring/person-name.js';
import { storedModels } from '../../sync/models-phase.js';
import { modelLines } from '../model-lines.js';
import { findLead, leadLines, matchedLeadLines, matchedLeads } from './explain-lead.js';

/** Same wording as the reasons text: the explanation a rep reads and the one revops inspects never differ. */
function contributors(list: Contributor[]): string[] {
  return list.map((c) => `    ${c.points === 0 ? '• ' : ''}${formatContributor(c)}`);
}

/** Whether an engaged contact counts in the buying team: an engaged D-grade person does not (engagedMinPersonaGrade). */
function teamNote(c: ContactScore, config: ScoringConfig): string {
  const { engagedContactMinScore, engagedMinPersonaGrade } = config.engagement;
  if (c.engagement.score < engagedContactMinScore) return '';
  return gradeAtLeast(c.personaGrade, engagedMinPersonaGrade)
    ? ' — engaged, in the buying team'
    : ` — engaged, but grade ${c.personaGrade} is below engagement.engagedMinPersonaGrade ${engagedMinPersonaGrade}: not in the buying team`;
}

/** How many history points explain shows: enough to see a trend, few enough to read. */
const TREND_POINTS = 10;

function trendLine(p: AccountScorePoint): string {
  const tier = p.tier === 'none' ? 'no tier' : p.tier;
  return `    ${p.scoredAt.slice(0, 16).replace('T', ' ')}: fit ${Math.round(p.fitScore)} (${p.fitBucket}), engagement ${Math.round(p.engagementScore)}, intent ${Math.round(p.intentScore)}${p.inMarket ? ' (in market)' : ''}, ${p.stage}, ${tier}${p.qualified ? ', qualified' : ''}`;
}

/** Names close to the query (a typo, a missing word), closest first, at most three: what a "not found" suggests. */
function closeNames(query: string, names: readonly string[]): string[] {
  const wanted = query.trim().toLowerCase();
  const scored = names
    .map((name) => {
      const lower = name.toLowerCase();
      const contains = lower.includes(wanted) || wanted.includes(lower);
      return { name, distance: contains ? 0 : editDistance(wanted, lower) };
    })
    .filter((n) => n.distance <= Math.max(2, Math.floor(wanted.length / 3)));
  return scored.sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name)).slice(0, 3).map((n) => n.name);
}

/** Find by id first, then by exact name or domain (case-insensitive); null when nothing matches (with close names). */
async function findAccount(store: StateStore, source: string, query: string, near: string[]): Promise<Account | null> {
  const byId = await store.getRecord(source, 'account', query);
  if (byId) return byId;
  const wanted = query.trim().toLowerCase();
  const matches: Account[] = [];
  const names: string[] = [];
  for (const id of await store.listAccountIds(source)) {
    const account = await store.getRecord(source, 'account', id);
    if (account) names.push(account.name);
    if (account && (account.name.toLowerCase() === wanted || account.domain === wanted)) matches.push(account);
  }
  if (matches.length === 0) near.push(...closeNames(query, names));
  if (matches.length === 1 && matches[0]) return matches[0];
  if (matches.length > 1) throw new UserError(`"${query}" matches ${matches.length} accounts (${matches.map((m) => m.id).join(', ')}). Fix: pass the account id.`);
  return null;
}

export async function explainCommand(global: GlobalOptions, query: string, options: { json: boolean }, output: Output): Promise<void> {
  const app = loadApp(global);
  const source = connectorName(app, global);
  const store = await openAppStore(app);
  try {
    const near: string[] = [];
    const account = await findAccount(store, source, query, near);
    if (!account) {
      const lead = await findLead(store, source, query);
      if (Array.isArray(lead)) throw new UserError(`"${query}" is the email of ${lead.length} leads (${lead.map((l) => l.id).join(', ')}). Fix: pass the lead id.`);
      if (!lead) {
        throw new UserError(
          `No account or lead "${query}" in the state store for connector ${source}${near.length > 0 ? ` (did you mean ${near.map((n) => `"${n}"`).join(', ')}?)` : ''}. Fix: pass an account id, exact name or domain, or a lead id or email, and run \`scoresync run\` first.`,
        );
      }
      const view = await leadLines(store, source, lead);
      output.print(options.json ? JSON.stringify(view.json, null, 2) : view.lines.join('\n'));
      return;
    }
    const score = await store.latestAccountScore(source, account.id);
    if (!score) throw new UserError(`Account ${account.name} (${account.id}) has not been scored yet. Fix: run \`scoresync run\`.`);
    // Most engaged first: the people a rep would call.
    const contacts = (await store.latestContactScores(source, account.id)).sort((a, b) => b.engagement.score - a.engagement.score || a.contactId.localeCompare(b.contactId));
    const history = await store.stageHistory(source, account.id);
    const trend = await store.accountScoreHistory(source, account.id, TREND_POINTS);
    const stored = await storedModels(store, app.loaded.scoring);
    const leads = await matchedLeads(store, source, account.id);
    if (options.json) {
      const models = stored ? { version: stored.models.version, fitMode: stored.models.fitMode, fitModeReason: stored.models.fitModeReason, lines: modelLines(stored.models) } : null;
      const leadViews = leads.map((l) => ({ leadId: l.lead.id, matchReason: l.matchReason, score: l.score }));
      output.print(JSON.stringify({ account, score, contacts, leads: leadViews, stageHistory: history, scoreHistory: trend, models }, null, 2));
      return;
    }
    // Contacts by name and title ("Ann Lee (CTO)"), as a rep knows them; the id only when the record is gone.
    const contactNames = new Map<string, string>();
    for (const c of contacts) {
      const record = await store.getRecord(source, 'contact', c.contactId);
      if (record) contactNames.set(c.contactId, `${personDisplayName(record)} [${c.contactId}]`);
    }
    const priority = score.priority;
    const priorityHead = priority
      ? `  Priority ${Math.round(priority.score)}${priority.probability === null ? ' (rule: no probability yet)' : ` (${(priority.probability * 100).toFixed(1)}% chance, ${priority.mode})`}`
      : '  Priority: not scored yet (scored by a newer version; run `scoresync run`)';
    const lines = [
      `${account.name} (${account.id})${account.domain ? ` — ${account.domain}` : ''}`,
      `scored ${score.scoredAt} with model ${score.modelVersion}`,
      ...(stored ? modelLines(stored.models).map((l) => `  ${l}`) : []),
      `  Fit ${Math.round(score.fit.score)} (${score.fit.bucket}, ${score.fit.mode} mode)`,
      ...contributors(score.fit.contributors),
      `  Engagement ${Math.round(score.engagement.score)}; engaged personas: ${score.engagement.engagedPersonas.join(', ') || 'none'}`,
      ...contributors(score.engagement.contributors),
      `  Intent ${Math.round(score.intent.score)}; in market: ${score.intent.inMarket ? 'yes' : 'no'}${score.intent.surgingTopics.length ? `; surging: ${score.intent.surgingTopics.join(', ')}` : ''}`,
      ...contributors(score.intent.contributors),
      `  Stage ${score.stage.stage} since ${score.stage.enteredAt.slice(0, 10)}${score.stage.previousStage ? ` (was ${score.stage.previousStage})` : ''}`,
      ...contributors(score.stage.contributors),
      `  ${score.tier.tier === 'none' ? 'No tier' : score.tier.tier} (${score.tier.source}); expected ACV ${Math.round(score.tier.expectedAcv)}`,
      ...contributors(score.tier.contributors),
      priorityHead,
      ...contributors(priority?.contributors ?? []),
      `  Qualified: ${score.qualified.qualified ? `yes, since ${score.qualified.since?.slice(0, 10) ?? '?'}` : 'no'}${score.qualified.until ? ` (until ${score.qualified.until.slice(0, 10)})` : ''}`,
      `  Reasons: ${score.reasons}`,
      ...(score.reasonsDetail ? [`  Detail: ${score.reasonsDetail}`] : []),
      ...(contacts.length ? ['  Contacts:'] : []),
      ...contacts.map(
        (c) =>
          `    ${contactNames.get(c.contactId) ?? c.contactId}: ${c.persona ?? 'no persona'} ${c.personaGrade} (${Math.round(c.personaScore)}), engagement ${Math.round(c.engagement.score)}${c.lifecycleStage ? `, ${c.lifecycleStage}` : ''}${teamNote(c, app.loaded.scoring)}`,
      ),
      ...matchedLeadLines(leads),
      ...(history.length ? ['  Stage history:'] : []),
      ...history.map((h) => `    ${h.changedAt.slice(0, 10)}: ${h.fromStage ?? '—'} → ${h.toStage}`),
      ...(trend.length > 1 ? [`  Last ${trend.length} scorings (newest first):`, ...trend.map(trendLine)] : []),
    ];
    output.print(lines.join('\n'));
  } finally {
    await store.close();
  }
}
