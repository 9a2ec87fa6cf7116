/**
 * L2-penalised logistic regression by Newton's method (a handful of features, so the Hessian is tiny), and Platt
 * scaling (a one-feature logistic fit of the outcome on a model's logit) to calibrate probabilities on later data.
 * Deterministic: no random starts, a fixed iteration cap.
 */

export interface LogisticFit {
  intercept: number;
  coefficients: number[];
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

export function logit(p: number): number {
  const q = Math.min(1 - 1e-9, Math.max(1e-9, p));
  return Math.log(q / (1 - q));
}

/** Solves A x = b (A symmetric positive definite, small) by Gaussian elimination with partial pivoting. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[pivot]![c]!)) pivot = r;
    [m[c], m[pivot]] = [m[pivot]!, m[c]!];
    const d = m[c]![c]!;
    if (Math.abs(d) < 1e-12) continue;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r]![c]! / d;
      if (f === 0) continue;
      for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  return m.map((row, i) => (Math.abs(row[i]!) < 1e-12 ? 0 : row[n]! / row[i]!));
}

/**
 * Fits P(y) = sigmoid(intercept + Σ coefficients·x) to rows `x` (already standardised) with penalty `l2`·Σ coef²/2
 * (the intercept is not penalised).
 */
export function fitLogistic(x: readonly (readonly number[])[], y: readonly boolean[], l2: number, iterations = 50): LogisticFit {
  const d = x[0]?.length ?? 0;
  let beta = new Array<number>(d + 1).fill(0);
  const positives = y.filter(Boolean).length;
  beta[0] = logit((positives + 0.5) / (y.length + 1));
  let current = penalisedLogLikelihood(x, y, beta, l2);
  for (let it = 0; it < iterations; it++) {
    const grad = new Array<number>(d + 1).fill(0);
    const hess = Array.from({ length: d + 1 }, () => new Array<number>(d + 1).fill(0));
    for (let i = 0; i < x.length; i++) {
      const row = x[i]!;
      const p = sigmoid(linear(beta, row));
      const r = (y[i] ? 1 : 0) - p;
      const w = p * (1 - p);
      grad[0]! += r;
      hess[0]![0]! += w;
      for (let j = 0; j < d; j++) {
        const xj = row[j]!;
        grad[j + 1]! += r * xj;
        hess[0]![j + 1]! += w * xj;
        for (let k = j; k < d; k++) hess[j + 1]![k + 1]! += w * xj * row[k]!;
      }
    }
    for (let j = 1; j <= d; j++) {
      grad[j]! -= l2 * beta[j]!;
      hess[j]![j]! += l2;
      for (let k = 0; k < j; k++) hess[j]![k] = hess[k]![j]!;
    }
    // A tiny ridge keeps the step finite when the data nearly separate; halving the step until the penalised
    // likelihood improves keeps Newton from overshooting on extreme logits.
    for (let j = 0; j <= d; j++) hess[j]![j]! += 1e-9;
    const step = solve(hess, grad);
    let scale = 1;
    let next = beta;
    let value = current;
    for (let half = 0; half < 30; half++) {
      next = beta.map((b, j) => b + scale * step[j]!);
      value = penalisedLogLikelihood(x, y, next, l2);
      if (value >= current - 1e-12) break;
      scale /= 2;
    }
    const change = Math.max(...step.map((s) => Math.abs(s * scale)));
    beta = next;
    current = value;
    if (change < 1e-9) break;
  }
  return { intercept: beta[0]!, coefficients: beta.slice(1) };
}

function linear(beta: readonly number[], row: readonly number[]): number {
  let z = beta[0]!;
  for (let j = 0; j < row.length; j++) z += beta[j + 1]! * row[j]!;
  return z;
}

function penalisedLogLikelihood(x: readonly (readonly number[])[], y: readonly boolean[], beta: readonly number[], l2: number): number {
  let sum = 0;
  for (let i = 0; i < x.length; i++) {
    const z = linear(beta, x[i]!);
    // log σ(z) and log(1 − σ(z)) without overflow.
    sum += y[i] ? -softplus(-z) : -softplus(z);
  }
  for (let j = 1; j < beta.length; j++) sum -= (l2 * beta[j]! * beta[j]!) / 2;
  return sum;
}

function softplus(z: number): number {
  return z > 30 ? z : Math.log1p(Math.exp(z));
}

/** Platt scaling: calibrated logit = a + b × logit. */
export function fitPlatt(logits: readonly number[], y: readonly boolean[]): { a: number; b: number } {
  const fit = fitLogistic(logits.map((z) => [z]), y, 1e-6);
  return { a: fit.intercept, b: fit.coefficients[0] ?? 0 };
}
