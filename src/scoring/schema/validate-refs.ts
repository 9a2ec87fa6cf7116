/**
 * Cross-field checks the shapes alone cannot express: every rule's signals exist and are available in that rule's
 * phase, compared values fit the signal's kind, and lifecycle / playbook names refer to things that exist.
 */
import type { z } from 'zod';
import { lookupSignal, ORDINALS, type RulePhase, type SignalKind } from '../rules/signal-catalog.js';
import type { Comparison, When } from './conditions-schema.js';

type Issue = { path: (string | number)[]; message: string };

function checkValue(kind: SignalKind, op: string, value: unknown): string | null {
  const ordinal = ORDINALS[kind];
  if (ordinal) {
    const values = Array.isArray(value) ? value : [value];
    const bad = values.find((v) => typeof v !== 'string' || !ordinal.includes(v));
    return bad === undefined ? null : `'${String(bad)}' is not one of ${ordinal.join(', ')}`;
  }
  if (kind === 'boolean') return op === 'eq' || op === 'ne' ? (typeof value === 'boolean' ? null : `expects true or false, got '${String(value)}'`) : `'${op}' does not apply to a yes/no signal; use true or false`;
  if (kind === 'number') {
    if (op === 'in') return Array.isArray(value) && value.every((v) => typeof v === 'number') ? null : 'expects a list of numbers';
    return typeof value === 'number' ? null : `expects a number, got '${String(value)}'`;
  }
  if (op === 'in') return Array.isArray(value) ? null : 'expects a list';
  return op === 'eq' || op === 'ne' ? null : `'${op}' does not apply to a text signal; use a value, ne or in`;
}

function comparisonEntries(c: Comparison): [string, unknown][] {
  return typeof c === 'object' ? Object.entries(c).filter(([, v]) => v !== undefined) : [['eq', c]];
}

export function checkWhen(when: When | undefined, path: (string | number)[], phase: RulePhase, counters: string[], issues: Issue[]): void {
  if (when === undefined) return;
  const maps = Array.isArray(when) ? when : [when];
  maps.forEach((map, i) => {
    const base = Array.isArray(when) ? [...path, i] : path;
    for (const [signal, comparison] of Object.entries(map)) {
      const found = lookupSignal(signal, phase, counters);
      if ('error' in found) {
        issues.push({ path: [...base, signal], message: found.error });
        continue;
      }
      for (const [op, value] of comparisonEntries(comparison)) {
        const problem = checkValue(found.kind, op, value);
        if (problem) issues.push({ path: [...base, signal, op], message: `${signal}: ${problem}` });
      }
    }
  });
}

export function reportIssues(issues: Issue[], ctx: z.core.$RefinementCtx): void {
  for (const issue of issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
}
