/**
 * A write the CRM refused for good (a validation rule, a permission) is not sent again just because its account was
 * rescored: while the plan would write exactly what was refused, the update is held back and waits with its failure
 * for a replay (`scoresync retry`, a mapping change, a change of the record). A plan that would write something else
 * supersedes the failure.
 */
import { COMPANION_OUTPUTS } from '../config/mapping-types.js';
import type { FieldUpdate } from '../model/sync.js';

/** What a write would set, without the stamps (scoredAt, modelVersion) that ride along with every change. */
function substance(update: FieldUpdate): string {
  return update.changes
    .filter((c) => !COMPANION_OUTPUTS.includes(c.output))
    .map((c) => `${c.crmField}=${c.newValue ?? ''}`)
    .sort()
    .join('\n');
}

export interface HoldBack {
  /** The updates to plan. */
  send: FieldUpdate[];
  /** Record ids whose refused write is still what the plan would write: it keeps waiting. */
  held: Set<string>;
}

export function holdBack(planned: readonly FieldUpdate[], failed: readonly FieldUpdate[]): HoldBack {
  const refused = new Map(failed.map((u) => [u.recordId, substance(u)]));
  const held = new Set<string>();
  const send: FieldUpdate[] = [];
  for (const update of planned) {
    if (refused.get(update.recordId) === substance(update)) held.add(update.recordId);
    else send.push(update);
  }
  return { send, held };
}
