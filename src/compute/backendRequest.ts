import type { BackendName } from './backend.ts';
import { InvalidParameterError } from '../parameters/validation.ts';

/** A backend by name, or `fast`: the fastest one that works on this machine. */
export type BackendRequest = BackendName | 'fast';

/** Every name a backend request may take. */
export const backendRequests: readonly BackendRequest[] = ['float64', 'native', 'native-float64', 'gpujs', 'js-float32', 'fast'];

/** Parses a backend name (a flag, an environment variable or a config value); anything else is an InvalidParameterError. */
export function parseBackendRequest(value: string, name = 'backend'): BackendRequest {
  if (!(backendRequests as readonly string[]).includes(value)) {
    throw new InvalidParameterError(name, value, `one of ${backendRequests.join(', ')}`);
  }
  return value as BackendRequest;
}
