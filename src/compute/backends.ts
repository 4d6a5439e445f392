import { environmentSetting } from '../config/environment.ts';
import type { BackendName, ComputeBackend } from './backend.ts';
import { float64Backend } from './float64/float64Backend.ts';
import { createGpuJsBackend, gpuJsModes } from './gpujs/gpujsBackend.ts';
import { chooseFast, type FastChoice } from './fastChoice.ts';
import { jsFloat32Backend } from './js/jsFloat32Backend.ts';
import { loadNativeAddon } from './native/nativeAddon.ts';
import { createNativeBackend } from './native/nativeBackend.ts';
import type { BackendRequest } from './backendRequest.ts';
import { InvalidParameterError } from '../parameters/validation.ts';

/**
 * Backends by name. 'fast' means the fastest path on this machine (see `npm run bench` and
 * fastChoice.ts): the native float32 kernel when it was built at install, else the fused
 * JavaScript path, which beat both the float64 reference and gpu.js's WebAssembly mode on a
 * CPU-only machine; where gpu.js has a GPU mode, a calibration at first use decides. The fast
 * paths register themselves here so that callers never import a backend directly.
 */
const registry = new Map<BackendName, () => ComputeBackend>([['float64', () => float64Backend]]);
let fastest: BackendName = 'float64';
/** Why a backend that exists in the code is not available here (e.g. the addon did not build). */
const unavailable = new Map<BackendName, string>();

/** Adds a backend under a name; `fastest` makes it what `fast` resolves to. */
export function registerBackend(name: BackendName, create: () => ComputeBackend, options: { fastest?: boolean } = {}): void {
  registry.set(name, create);
  unavailable.delete(name);
  if (options.fastest) fastest = name;
}

function once(create: () => ComputeBackend): () => ComputeBackend {
  let backend: ComputeBackend | undefined;
  return () => (backend ??= create());
}

registerBackend('gpujs', once(createGpuJsBackend));
registerBackend('js-float32', () => jsFloat32Backend, { fastest: true });
// Whether the addon loads is settled here; the backends themselves (and THEORYCHECK_THREADS) only when asked for.
const nativeLoad = loadNativeAddon();
for (const precision of [32, 64] as const) {
  const name: BackendName = precision === 32 ? 'native' : 'native-float64';
  if (nativeLoad.addon)
    registerBackend(
      name,
      once(() => createNativeBackend(precision).backend!),
      { fastest: precision === 32 },
    );
  else unavailable.set(name, nativeLoad.reason);
}

export { type BackendRequest, backendRequests, parseBackendRequest } from './backendRequest.ts';

/**
 * The backend for a request. A request for a path that is not available on this machine gets the
 * fastest available one instead, with `fallbackReason` saying what was asked for and why not.
 */
export function getBackend(request: BackendRequest = 'float64'): ComputeBackend {
  const name = request === 'fast' ? fastChoice().name : request;
  const create = registry.get(name);
  if (create) {
    const backend = create();
    const why = request === 'fast' ? unavailable.get('native') : undefined;
    return why ? { ...backend, fallbackReason: `fastest path (native) unavailable: ${why}` } : backend;
  }
  const why = unavailable.get(name);
  if (why !== undefined) {
    const fallback = registry.get(fastest)!();
    return { ...fallback, fallbackReason: `requested ${name}: ${why}` };
  }
  throw new InvalidParameterError('backend', request, `one of ${[...registry.keys(), 'fast'].join(', ')}`);
}

/** The backend names that run on this machine. */
export function availableBackends(): BackendName[] {
  return [...registry.keys()];
}

let chosen: { key: string; choice: FastChoice } | undefined;

/** What 'fast' resolves to here and why; settled once per process (and per THEORYCHECK_FAST value). */
export function fastChoice(): FastChoice {
  const key = `${fastest}/${environmentSetting('fast')}`;
  if (chosen?.key !== key) {
    chosen = {
      key,
      choice: chooseFast({
        cpuFastest: fastest,
        available: availableBackends(),
        create: (name) => registry.get(name)!(),
        gpuProbes: gpuJsModes,
      }),
    };
  }
  return chosen.choice;
}

/** The name 'fast' resolves to here. */
export function fastestBackend(): BackendName {
  return fastChoice().name;
}
