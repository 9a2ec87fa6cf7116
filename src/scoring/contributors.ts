/** Helpers that keep scores and their contributors consistent: a score IS the sum of its (rounded) contributors. */
import type { Contributor } from '../model/scores.js';

export function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

export function clampScore(n: number): number {
  return Math.min(100, Math.max(0, n));
}

export function contributor(label: string, points: number): Contributor {
  return { label, points: round1(points) };
}

/** Sum of contributors' points (rounded to 0.1 to drop floating noise), before clamping. */
export function sumPoints(contributors: readonly Contributor[]): number {
  let total = 0;
  for (const c of contributors) total += c.points;
  return round1(total);
}

/** The score for a list of contributors: their sum, clamped to 0-100. */
export function scoreOf(contributors: readonly Contributor[]): number {
  return clampScore(sumPoints(contributors));
}

export function formatPoints(points: number): string {
  const rounded = Math.round(points);
  return rounded >= 0 ? `+${rounded}` : `−${Math.abs(rounded)}`;
}

export function formatNumber(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}
