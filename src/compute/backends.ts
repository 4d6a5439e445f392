import type { BackendName, ComputeBackend } from './backend.ts';
import { float64Backend } from './float64/float64Backend.ts';
import { InvalidParameterError } from '../parameters/validation.ts';

/**
 * Backends by name. 'fast' means the fastest path measured on this machine (see `npm run bench`);
 * the fast paths register themselves here so that callers never import a backend directly.
 */
const registry = new Map<BackendName, () => ComputeBackend>([['float64', () => float64Backend]]);
let fastest: BackendName = 'float64';

export function registerBackend(name: BackendName, create: () => ComputeBackend, options: { fastest?: boolean } = {}): void {
  registry.set(name, create);
  if (options.fastest) fastest = name;
}

export type BackendRequest = BackendName | 'fast';

export const backendRequests: readonly BackendRequest[] = ['float64', 'native', 'gpujs', 'js-float32', 'fast'];

export function getBackend(request: BackendRequest = 'float64'): ComputeBackend {
  const name = request === 'fast' ? fastest : request;
  const create = registry.get(name);
  if (!create) {
    throw new InvalidParameterError('backend', request, `one of ${[...registry.keys(), 'fast'].join(', ')}`);
  }
  return create();
}

export function availableBackends(): BackendName[] {
  return [...registry.keys()];
}

export function parseBackendRequest(value: string): BackendRequest {
  if (!(backendRequests as readonly string[]).includes(value)) {
    throw new InvalidParameterError('backend', value, `one of ${backendRequests.join(', ')}`);
  }
  return value as BackendRequest;
}
