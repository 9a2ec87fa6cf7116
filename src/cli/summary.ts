/** The end-of-run summary: a table for people, one JSON line for machines. */
import type { RunRecord } from '../model/sync.js';
import type { SyncResult } from '../sync/run-sync.js';
import { modelLines } from './model-lines.js';

export function summaryRows(result: SyncResult): [string, string][] {
  const c = result.run.counts;
  return [
    ['records pulled', String(c.pulled)],
    ['rows rejected', String(c.rejected)],
    ['contacts without account', String(c.orphanContacts)],
    ['opportunities w/o account', String(c.orphanOpportunities)],
    ['accounts scored', String(c.scoredAccounts) + (result.rescoredAll ? ' (all)' : ' (changed)')],
    ['contacts scored', String(c.scoredContacts)],
    // Run records saved before leads existed have no lead count.
    ...((c.scoredLeads ?? 0) > 0 ? [['leads scored', String(c.scoredLeads)] as [string, string]] : []),
    [result.run.mode === 'dry-run' ? 'fields that would change' : 'fields changed', String(c.fieldsChanged)],
    ['records written', String(c.recordsWritten)],
    [result.run.mode === 'dry-run' ? 'tasks that would be created' : 'tasks planned', String(c.tasksPlanned)],
    ['tasks created', String(c.tasksCreated)],
    ['write failures', String(c.writeFailures)],
    ['writes waiting', String(c.writesWaiting)],
    ['API calls', String(c.apiCalls)],
    ['duration', `${(result.durationMs / 1000).toFixed(1)} s`],
  ];
}

export function renderTable(rows: [string, string][]): string[] {
  const width = Math.max(...rows.map(([k]) => k.length));
  const valueWidth = Math.max(...rows.map(([, v]) => v.length));
  const line = `+${'-'.repeat(width + 2)}+${'-'.repeat(valueWidth + 2)}+`;
  return [line, ...rows.map(([k, v]) => `| ${k.padEnd(width)} | ${v.padStart(valueWidth)} |`), line];
}

/** Errors (ten, then a pointer to the rest), warnings, and what to do about writes that wait. */
export function runNotes(run: RunRecord): string[] {
  const errors = run.errors.slice(0, 10).map((e) => `  ! ${e}`);
  const more = run.errors.length > 10 ? [`  … and ${run.errors.length - 10} more (scoresync runs --id ${run.id})`] : [];
  const warnings = (run.warnings ?? []).map((w) => `  warning: ${w}`);
  const waiting =
    run.counts.writesWaiting > 0
      ? [`  ${run.counts.writesWaiting} write(s) wait for a retry or a fix: \`scoresync runs --id ${run.id.slice(0, 8)}\` lists them, \`scoresync retry\` sends them now.`]
      : [];
  return [...warnings, ...errors, ...more, ...waiting];
}

export function renderSummary(result: SyncResult): string {
  const header = `ScoreSync ${result.run.mode} ${result.run.id} on ${result.run.connector}: ${result.run.status}`;
  const model = modelLines(result.models).join('\n');
  // Rejected rows are summarised in the run's warnings (one line per kind of problem), listed by runNotes.
  return [header, model, ...renderTable(summaryRows(result)), ...runNotes(result.run)].join('\n');
}
