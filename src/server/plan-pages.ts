/** GET /api/plan/:runId: a dry run's plan as one list (field changes, then tasks), a page at a time. */
import type { StoredPlan } from '../store/store.js';

export type PlanEntry =
  | { type: 'field'; object: string; recordId: string; recordName: string | null; output: string; field: string; oldValue: string | null; newValue: string | null }
  | { type: 'task'; key: string; rule: string; accountId: string; leadId: string | null; subject: string; priority: string; dueDate: string };

export function planEntries(plan: StoredPlan['plan']): PlanEntry[] {
  const entries: PlanEntry[] = [];
  for (const u of plan.updates) {
    for (const c of u.changes) {
      entries.push({ type: 'field', object: u.kind, recordId: u.recordId, recordName: plan.names[u.recordId] ?? null, output: c.output, field: c.crmField, oldValue: c.oldValue, newValue: c.newValue });
    }
  }
  for (const t of plan.tasks) {
    entries.push({ type: 'task', key: t.key, rule: t.rule, accountId: t.accountId, leadId: t.leadId ?? null, subject: t.subject, priority: t.priority, dueDate: t.dueDate });
  }
  return entries;
}

export function planPage(stored: StoredPlan, offset: number, limit: number) {
  const entries = planEntries(stored.plan);
  return {
    runId: stored.runId,
    connector: stored.connector,
    createdAt: stored.createdAt,
    total: entries.length,
    fieldChanges: entries.filter((e) => e.type === 'field').length,
    tasks: stored.plan.tasks.length,
    offset,
    limit,
    items: entries.slice(offset, offset + limit),
    nextOffset: offset + limit < entries.length ? offset + limit : null,
  };
}
