import { createRequire } from 'node:module';
import os from 'node:os';
import type { Profile } from '../claims/profile.ts';
import type { StopReason } from '../claims/result.ts';
import { packageVersion } from '../cache/engineVersion.ts';

export interface RunProvenance {
  readonly tool: string;
  readonly toolVersion: string;
  readonly node: string;
  readonly packages: Record<string, string>;
  /** Backends that actually ran, with the device each reported and any fallback reason. */
  readonly backends: { name: string; device: string; fallbackReason?: string }[];
  readonly profile: Profile;
  readonly seed: number;
  readonly machine: { platform: string; arch: string; cpus: number; cpuModel: string; memoryGiB: number; hostname: string };
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly durationMs: number;
  /** The run ended early (SIGINT, suite time budget): some claims are missing or unfinished. */
  readonly partial: boolean;
  /** What stopped a partial run. */
  readonly stoppedBy?: StopReason;
  readonly command: string;
}

const require = createRequire(import.meta.url);

function versionOf(name: string): string {
  try {
    return (require(`${name}/package.json`) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

export function collectProvenance(input: {
  profile: Profile;
  seed: number;
  backends: RunProvenance['backends'];
  startedAt: Date;
  partial: boolean;
  stoppedBy?: StopReason;
  command: string;
}): RunProvenance {
  const finished = new Date();
  const cpus = os.cpus();
  return {
    tool: 'theorycheck',
    toolVersion: packageVersion(),
    node: process.version,
    packages: Object.fromEntries(['fast-check', 'vitest', 'gpu.js', 'mathjs', 'seedrandom', 'vega', 'vega-lite'].map((name) => [name, versionOf(name)])),
    backends: input.backends,
    profile: input.profile,
    seed: input.seed,
    machine: {
      platform: os.platform(),
      arch: os.arch(),
      cpus: cpus.length,
      cpuModel: cpus[0]?.model ?? 'unknown',
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      hostname: os.hostname(),
    },
    startedAt: input.startedAt.toISOString(),
    finishedAt: finished.toISOString(),
    durationMs: finished.getTime() - input.startedAt.getTime(),
    partial: input.partial,
    ...(input.stoppedBy ? { stoppedBy: input.stoppedBy } : {}),
    command: input.command,
  };
}

export type BackendEntry = RunProvenance['backends'][number];

/** A backend as provenance records it: name, device and, when it stood in for another, why. */
export function backendEntry(backend: { readonly name: string; readonly device: string; readonly fallbackReason?: string }): BackendEntry {
  return { name: backend.name, device: backend.device, ...(backend.fallbackReason ? { fallbackReason: backend.fallbackReason } : {}) };
}

/**
 * The distinct backends that ran in a set of results. A result names only its backend and
 * device, so the fallback reason comes from `resolved`: the backends the run itself resolved.
 */
export function backendsOf(results: readonly { backend: string; device: string }[], resolved: readonly BackendEntry[] = []): BackendEntry[] {
  const seen = new Map<string, BackendEntry>();
  for (const r of results) {
    const known = resolved.find((b) => b.name === r.backend && b.device === r.device);
    seen.set(`${r.backend}|${r.device}`, backendEntry(known ?? { name: r.backend, device: r.device }));
  }
  return [...seen.values()];
}
