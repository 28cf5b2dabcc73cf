/**
 * Is a measured quantity (a process's resident memory, its open files, connections) flat or
 * growing over a soak? Pure arithmetic, unit-tested.
 *
 * The slope is the least-squares line through the samples; it is "growing" only when both hold:
 * the slope is above zero with 95 % confidence (slope − 2 standard errors > 0), and the line rises
 * over the run by more than `minRise` (a floor: a few MB of a Node heap settling is not a leak).
 * Otherwise "flat" — which includes shrinking.
 */
export interface Sample {
  /** Seconds since the soak started. */
  t: number;
  value: number;
}

export interface Trend {
  /** Units of `value` per hour. */
  slopePerHour: number;
  /** Two standard errors of the slope, per hour. */
  marginPerHour: number;
  /** What the line rises over the samples' span. */
  rise: number;
  first: number;
  last: number;
  verdict: 'flat' | 'growing';
}

export function trend(samples: readonly Sample[], minRise: number): Trend {
  const n = samples.length;
  const first = samples[0]?.value ?? NaN;
  const last = samples.at(-1)?.value ?? NaN;
  if (n < 3) return { slopePerHour: 0, marginPerHour: Infinity, rise: 0, first, last, verdict: 'flat' };
  const meanT = samples.reduce((s, p) => s + p.t, 0) / n;
  const meanV = samples.reduce((s, p) => s + p.value, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (const p of samples) {
    sxx += (p.t - meanT) ** 2;
    sxy += (p.t - meanT) * (p.value - meanV);
  }
  if (sxx === 0) return { slopePerHour: 0, marginPerHour: Infinity, rise: 0, first, last, verdict: 'flat' };
  const slope = sxy / sxx;
  const intercept = meanV - slope * meanT;
  const residual = samples.reduce((s, p) => s + (p.value - (intercept + slope * p.t)) ** 2, 0);
  const standardError = Math.sqrt(residual / (n - 2) / sxx);
  const span = samples[n - 1]!.t - samples[0]!.t;
  const rise = slope * span;
  const growing = slope - 2 * standardError > 0 && rise > minRise;
  return { slopePerHour: slope * 3600, marginPerHour: 2 * standardError * 3600, rise, first, last, verdict: growing ? 'growing' : 'flat' };
}
