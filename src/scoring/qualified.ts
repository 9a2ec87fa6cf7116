/** The qualified-account flag ("6QA-like") with the dates it started and, once lost, ended. */
import type { PriorAccountState, QualifiedResult } from '../model/scores.js';
import type { CompiledConfig } from './compile.js';
import type { SignalValues } from './rules/conditions.js';

export function decideQualified(signals: SignalValues, prior: PriorAccountState | null, compiled: CompiledConfig, now: string): QualifiedResult {
  const qualified = compiled.qualified.firstMatch(signals) >= 0;
  const wasQualified = prior?.qualified === true;
  if (qualified) return { qualified, since: wasQualified ? (prior?.qualifiedSince ?? now) : now, until: null };
  if (wasQualified) return { qualified, since: prior?.qualifiedSince ?? null, until: now };
  return { qualified, since: prior?.qualifiedSince ?? null, until: prior?.qualifiedUntil ?? null };
}
