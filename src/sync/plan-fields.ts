/**
 * Decides which output fields really change. API calls are the scarce resource: a value equal to what the CRM
 * holds (numerically equal, or equal after trimming) is never written, and companion fields (scoredAt,
 * modelVersion) ride along only with a real change.
 */
import type { OutputTarget } from '../config/mapping-types.js';
import { COMPANION_OUTPUTS } from '../config/mapping-types.js';
import type { CrmOutputValues, WritableKind } from '../model/records.js';
import type { FieldChange, FieldUpdate } from '../model/sync.js';
import type { OutputValues } from './output-values.js';

/** Lower is pushed first: what a rep acts on (qualification, stage, tier) before score drift. */
const OUTPUT_PRIORITY: Record<string, number> = { qualified: 0, buyingStage: 1, tier: 2, lifecycleStage: 2, fitBucket: 3 };
const DEFAULT_PRIORITY = 5;

function blank(v: string | null | undefined): boolean {
  return v === null || v === undefined || v.trim() === '';
}

function sameValue(a: string | null | undefined, b: string | null, type: OutputTarget['type']): boolean {
  if (blank(a) && blank(b)) return true;
  if (blank(a) || blank(b)) return false;
  const left = (a as string).trim();
  const right = (b as string).trim();
  if (type === 'number') {
    const x = Number(left);
    const y = Number(right);
    if (Number.isFinite(x) && Number.isFinite(y)) return Math.abs(x - y) < 1e-9;
  }
  if (type === 'boolean') return left.toLowerCase() === right.toLowerCase();
  if (type === 'date') return left.slice(0, 10) === right.slice(0, 10);
  return left === right;
}

export function planFieldUpdate(
  kind: WritableKind,
  recordId: string,
  current: CrmOutputValues,
  next: OutputValues,
  outputs: Record<string, OutputTarget>,
): FieldUpdate | null {
  const changes: FieldChange[] = [];
  let priority = DEFAULT_PRIORITY;
  for (const [output, target] of Object.entries(outputs)) {
    if (target.policy === 'never' || COMPANION_OUTPUTS.includes(output)) continue;
    if (!(output in next)) continue;
    const newValue = next[output] ?? null;
    const oldValue = current[output] ?? null;
    if (target.policy === 'fillIfBlank' && !blank(oldValue)) continue;
    if (sameValue(oldValue, newValue, target.type)) continue;
    changes.push({ output, crmField: target.field, oldValue, newValue });
    priority = Math.min(priority, OUTPUT_PRIORITY[output] ?? DEFAULT_PRIORITY);
  }
  if (changes.length === 0) return null;
  for (const output of COMPANION_OUTPUTS) {
    const target = outputs[output];
    if (!target || target.policy === 'never' || !(output in next)) continue;
    if (target.policy === 'fillIfBlank' && !blank(current[output])) continue;
    changes.push({ output, crmField: target.field, oldValue: current[output] ?? null, newValue: next[output] ?? null });
  }
  return { kind, recordId, changes, priority };
}
