import seedrandom from 'seedrandom';

/**
 * A seeded random stream. Every random thing in theorycheck comes from one of these, so the
 * same seed gives the same numbers on the same backend.
 */
export interface Rng {
  /** The seed this stream was created from (after forking, the derived label). */
  readonly seed: string;
  /** Uniform in [0, 1), 53-bit resolution. */
  uniform(): number;
  /** Standard normal N(0, 1). */
  gaussian(): number;
  /** Uniform integer in [0, n). */
  integer(n: number): number;
  /** An independent stream derived from this seed and a label (data, init, test set, ...). */
  fork(label: string): Rng;
}

/** A seeded stream (seedrandom alea); the same seed gives the same numbers everywhere. */
export function createRng(seed: number | string): Rng {
  return new SeedrandomStream(String(seed));
}

class SeedrandomStream implements Rng {
  private readonly prng: seedrandom.PRNG;
  // Box-Muller yields pairs; keep the second to stay exactly reproducible and twice as fast.
  private spare: number | null = null;

  constructor(readonly seed: string) {
    this.prng = seedrandom.alea(seed);
  }

  uniform(): number {
    return this.prng.double();
  }

  gaussian(): number {
    if (this.spare !== null) {
      const value = this.spare;
      this.spare = null;
      return value;
    }
    let u = 0;
    while (u === 0) u = this.uniform();
    const v = this.uniform();
    const radius = Math.sqrt(-2 * Math.log(u));
    this.spare = radius * Math.sin(2 * Math.PI * v);
    return radius * Math.cos(2 * Math.PI * v);
  }

  integer(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  fork(label: string): Rng {
    return new SeedrandomStream(`${this.seed}/${label}`);
  }
}

/** Fills a new Float64Array with i.i.d. N(0, scale²) entries. */
export function gaussianArray(rng: Rng, length: number, scale = 1): Float64Array {
  const out = new Float64Array(length);
  for (let i = 0; i < length; i++) out[i] = scale * rng.gaussian();
  return out;
}
