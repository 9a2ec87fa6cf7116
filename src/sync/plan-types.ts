import type { FieldUpdate } from '../model/sync.js';
import type { TaskDraft } from '../model/tasks.js';

/** What a run intends to write: the field-level diff and the tasks, shown by `plan` and persisted by `run`. */
export interface SyncPlan {
  updates: FieldUpdate[];
  tasks: TaskDraft[];
  /** Record id → display name, for people reading the plan. */
  names: Record<string, string>;
}

export function emptyPlan(): SyncPlan {
  return { updates: [], tasks: [], names: {} };
}

export function countFieldChanges(updates: readonly FieldUpdate[]): number {
  return updates.reduce((sum, u) => sum + u.changes.length, 0);
}
