import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { environmentSetting } from '../../config/environment.ts';

/** The compiled addon's surface (src/compute/native/addon.c). */
export interface NativeAddon {
  /** Loads a problem: a trainer handle, or (a number) the flat index of the first non-finite value of x. */
  create(
    x: Float64Array,
    y: Float64Array,
    n: number,
    patches: number,
    dim: number,
    filtersPerClass: number,
    w0: Float64Array,
    activation: number,
    q: number,
    kappa: number,
    precision: 32 | 64,
    threads: number,
  ): unknown;
  lossAndGradient(handle: unknown, gradient: Float64Array): number;
  step(handle: unknown, learningRate: number): number;
  weights(handle: unknown, out: Float64Array): void;
  outputs(handle: unknown, out: Float64Array): void;
  stats(handle: unknown): { uniquePatches: number; zeroPatches: number; threads: number };
  dispose(handle: unknown): void;
  info(): { simd: string; openmp: boolean; processors: number };
  /** Measured float32 FMA throughput in GFLOP/s: `threads` threads of independent register FMA chains for `seconds`. */
  fmaPeak(threads: number, seconds: number): number;
}

/** Where `npm install` (scripts/build-native.mjs) leaves the addon. */
export const nativeAddonPath = fileURLToPath(new URL('../../../build/Release/theorycheck_native.node', import.meta.url));

const failurePath = fileURLToPath(new URL('../../../build/native-build-failure.txt', import.meta.url));

export type AddonLoad = { addon: NativeAddon; reason?: undefined } | { addon?: undefined; reason: string };

let cached: AddonLoad | undefined;

/** Loads the addon once; when it is missing or broken, says why instead of throwing. */
export function loadNativeAddon(): AddonLoad {
  if (cached) return cached;
  if (!environmentSetting('native')) return (cached = { reason: 'disabled by THEORYCHECK_NO_NATIVE=1' });
  if (!existsSync(nativeAddonPath)) {
    const why = existsSync(failurePath) ? readFileSync(failurePath, 'utf8').trim() : 'run `npm run build:native` to build it';
    return (cached = { reason: `native addon not built (${why})` });
  }
  // OpenMP threads that spin at barriers lose whole time slices when the cores are shared
  // (measured: 2 threads 6 ms/step at S spinning, 0.16 ms sleeping); sleep unless told otherwise.
  process.env.OMP_WAIT_POLICY ??= 'passive';
  try {
    const addon = createRequire(import.meta.url)(nativeAddonPath) as NativeAddon;
    addon.info();
    return (cached = { addon });
  } catch (error) {
    return (cached = { reason: `native addon failed to load: ${(error as Error).message.split('\n')[0]}` });
  }
}
