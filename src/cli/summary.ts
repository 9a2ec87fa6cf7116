/** The end-of-run summary: a table for people, one JSON line for machines. */
import type { SyncResult } from '../sync/run-sync.js';
import { modelLines } from './model-lines.js';

export function summaryRows(result: SyncResult): [string, string][] {
  const c = result.run.counts;
  return [
    ['records pulled', String(c.pulled)],
    ['rows rejected', String(c.rejected)],
    ['accounts scored', String(c.scoredAccounts) + (result.rescoredAll ? ' (all)' : ' (changed)')],
    ['contacts scored', String(c.scoredContacts)],
    // Run records saved before leads existed have no lead count.
    ...((c.scoredLeads ?? 0) > 0 ? [['leads scored', String(c.scoredLeads)] as [string, string]] : []),
    [result.run.mode === 'dry-run' ? 'fields that would change' : 'fields changed', String(c.fieldsChanged)],
    ['records written', String(c.recordsWritten)],
    [result.run.mode === 'dry-run' ? 'tasks that would be created' : 'tasks planned', String(c.tasksPlanned)],
    ['tasks created', String(c.tasksCreated)],
    ['write failures', String(c.writeFailures)],
    ['API calls', String(c.apiCalls)],
    ['duration', `${(result.durationMs / 1000).toFixed(1)} s`],
  ];
}

export function renderSummary(result: SyncResult): string {
  const rows = summaryRows(result);
  const width = Math.max(...rows.map(([k]) => k.length));
  const valueWidth = Math.max(...rows.map(([, v]) => v.length));
  const line = `+${'-'.repeat(width + 2)}+${'-'.repeat(valueWidth + 2)}+`;
  const body = rows.map(([k, v]) => `| ${k.padEnd(width)} | ${v.padStart(valueWidth)} |`);
  const header = `ScoreSync ${result.run.mode} ${result.run.id} on ${result.run.connector}: ${result.run.status}`;
  const model = modelLines(result.models).join('\n');
  const errors = result.run.errors.slice(0, 10).map((e) => `  ! ${e}`);
  const more = result.run.errors.length > 10 ? [`  … and ${result.run.errors.length - 10} more (scoresync runs --id ${result.run.id})`] : [];
  const rejects = result.rejects.slice(0, 10).map((r) => `  rejected ${r.location}${r.field ? ` (${r.field})` : ''}: ${r.reason}`);
  const moreRejects = result.rejects.length > 10 ? [`  … and ${result.rejects.length - 10} more rejected rows (see the log)`] : [];
  return [header, model, line, ...body, line, ...rejects, ...moreRejects, ...errors, ...more].join('\n');
}
