/** The field-level dry run: every `record field: old → new` and every task that would be created. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { SyncPlan } from '../sync/plan-types.js';

function show(v: string | null): string {
  if (v === null || v === '') return '∅';
  return v.length > 60 ? JSON.stringify(v.slice(0, 57) + '…') : v;
}

/** A task on a lead names the lead (and its account when it has one); other tasks name their account. */
function taskTarget(plan: SyncPlan, task: SyncPlan['tasks'][number]): string {
  const account = `${plan.names[task.accountId] ?? task.accountId} (${task.accountId})`;
  if (!task.leadId) return account;
  const lead = `lead ${plan.names[task.leadId] ?? task.leadId} (${task.leadId})`;
  return task.accountId === '' ? lead : `${lead} at ${account}`;
}

export function planLines(plan: SyncPlan, limit: number): string[] {
  const lines: string[] = [];
  for (const update of plan.updates) {
    const name = plan.names[update.recordId] ?? update.recordId;
    for (const c of update.changes) {
      if (lines.length >= limit) break;
      lines.push(`${update.kind} ${name} (${update.recordId}) ${c.crmField}: ${show(c.oldValue)} → ${show(c.newValue)}`);
    }
  }
  const tasks = plan.tasks.slice(0, Math.max(0, limit - lines.length)).map((t) => `task for ${taskTarget(plan, t)} [${t.priority}, due ${t.dueDate}]: ${t.subject}`);
  return [...lines, ...tasks];
}

export function planRows(plan: SyncPlan): string[][] {
  const rows = [['type', 'object', 'record_id', 'record_name', 'field', 'old_value', 'new_value']];
  for (const u of plan.updates) {
    for (const c of u.changes) rows.push(['field', u.kind, u.recordId, plan.names[u.recordId] ?? '', c.crmField, c.oldValue ?? '', c.newValue ?? '']);
  }
  for (const t of plan.tasks) {
    const id = t.leadId ?? t.accountId;
    rows.push(['task', t.leadId ? 'lead' : 'account', id, plan.names[id] ?? '', t.key, '', t.subject]);
  }
  return rows;
}

/** Writes `<out>` as JSON, or CSV when it ends in .csv. */
export function writePlanFile(plan: SyncPlan, out: string): void {
  mkdirSync(dirname(out), { recursive: true });
  const text = out.toLowerCase().endsWith('.csv') ? stringify(planRows(plan)) : JSON.stringify(plan, null, 2) + '\n';
  writeFileSync(out, text);
}
