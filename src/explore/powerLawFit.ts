/** 97.5% quantile of the standard normal: two-sided 95% intervals. */
const Z95 = 1.959963984540054;

/** A point of a power law y ≈ a·x^b with a 95% interval on y (e.g. a located boundary). */
export interface PowerLawPoint {
  readonly x: number;
  readonly y: number;
  readonly interval: [number, number];
}

export interface PowerLawFit {
  /** The exponent b of y ≈ a·x^b and its 95% interval. */
  readonly slope: number;
  readonly slopeInterval: [number, number];
  readonly slopeStandardError: number;
  /** log a. */
  readonly intercept: number;
  /** χ² of the weighted residuals over (points − 2); above 1 the interval was widened by its square root. */
  readonly reducedChiSquare: number | null;
  readonly points: number;
}

/** Standard error of log y from a 95% interval on y (half its width in log space over z). */
export function logStandardError(interval: [number, number]): number {
  const [low, high] = interval;
  return Math.max((Math.log(high) - Math.log(low)) / (2 * Z95), 1e-9);
}

/**
 * Weighted least squares of log y on log x, each point weighted by 1/se² from its interval. The
 * slope's standard error is the textbook √(1/Σw(u−ū)²), multiplied by √(χ²/(k−2)) when the
 * points scatter more than their intervals say (Birge ratio), so an over-confident set of
 * intervals cannot make the slope look sharper than the data.
 */
export function fitPowerLaw(points: readonly PowerLawPoint[]): PowerLawFit {
  const usable = points.filter((p) => p.x > 0 && p.y > 0 && p.interval[0] > 0 && p.interval[1] >= p.interval[0]);
  if (usable.length < 2) throw new Error(`fitPowerLaw: need two points with positive values and intervals, got ${usable.length}`);
  const u = usable.map((p) => Math.log(p.x));
  const v = usable.map((p) => Math.log(p.y));
  const w = usable.map((p) => 1 / logStandardError(p.interval) ** 2);
  const sw = w.reduce((s, x) => s + x, 0);
  const uBar = u.reduce((s, x, i) => s + w[i] * x, 0) / sw;
  const vBar = v.reduce((s, x, i) => s + w[i] * x, 0) / sw;
  const suu = u.reduce((s, x, i) => s + w[i] * (x - uBar) ** 2, 0);
  if (!(suu > 0)) throw new Error('fitPowerLaw: the points need at least two distinct x');
  const slope = u.reduce((s, x, i) => s + w[i] * (x - uBar) * (v[i] - vBar), 0) / suu;
  const intercept = vBar - slope * uBar;
  const dof = usable.length - 2;
  const chi2 = u.reduce((s, x, i) => s + w[i] * (v[i] - intercept - slope * x) ** 2, 0);
  const reducedChiSquare = dof > 0 ? chi2 / dof : null;
  const se = Math.sqrt(1 / suu) * Math.max(1, Math.sqrt(reducedChiSquare ?? 1));
  return {
    slope,
    slopeInterval: [slope - Z95 * se, slope + Z95 * se],
    slopeStandardError: se,
    intercept,
    reducedChiSquare,
    points: usable.length,
  };
}

/** The difference a − b of two independently fitted slopes, with its 95% interval. */
export function slopeDifference(a: PowerLawFit, b: PowerLawFit): { difference: number; interval: [number, number]; standardError: number } {
  const difference = a.slope - b.slope;
  const standardError = Math.hypot(a.slopeStandardError, b.slopeStandardError);
  return { difference, interval: [difference - Z95 * standardError, difference + Z95 * standardError], standardError };
}

/** The ratio y1/y2 of two interval estimates, with a 95% interval (log-normal errors). */
export function ratioOf(
  a: PowerLawPoint | { y: number; interval: [number, number] },
  b: { y: number; interval: [number, number] },
): { ratio: number; interval: [number, number] } {
  const se = Math.hypot(logStandardError(a.interval), logStandardError(b.interval));
  const log = Math.log(a.y / b.y);
  return { ratio: a.y / b.y, interval: [Math.exp(log - Z95 * se), Math.exp(log + Z95 * se)] };
}

/**
 * The constant c of a law x·y^(−q) = c fixed in q (n·SNR^q = c with SNR = 1/y): the weighted mean
 * of log c over the points, with its 95% interval (widened by the Birge ratio as above).
 */
export function fitFixedExponentConstant(points: readonly PowerLawPoint[], q: number): { c: number; interval: [number, number] } {
  const usable = points.filter((p) => p.x > 0 && p.y > 0 && p.interval[0] > 0);
  if (!usable.length) throw new Error('fitFixedExponentConstant: no usable points');
  const logC = usable.map((p) => Math.log(p.x) - q * Math.log(p.y));
  const w = usable.map((p) => 1 / (q * logStandardError(p.interval)) ** 2);
  const sw = w.reduce((s, x) => s + x, 0);
  const mean = logC.reduce((s, x, i) => s + w[i] * x, 0) / sw;
  const chi2 = logC.reduce((s, x, i) => s + w[i] * (x - mean) ** 2, 0);
  const birge = usable.length > 1 ? Math.max(1, Math.sqrt(chi2 / (usable.length - 1))) : 1;
  const se = birge / Math.sqrt(sw);
  return { c: Math.exp(mean), interval: [Math.exp(mean - Z95 * se), Math.exp(mean + Z95 * se)] };
}
