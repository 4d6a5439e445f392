import { createRequire } from 'node:module';
import os from 'node:os';
import type { Profile } from '../claims/profile.ts';
import type { SuiteStop } from '../claims/result.ts';
import { execFileSync } from 'node:child_process';
import { readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { packageVersion, repositoryRoot } from '../cache/engineVersion.ts';

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
  readonly stoppedBy?: SuiteStop;
  readonly command: string;
  /** The checkout's commit, with `+dirty` when tracked files differ from it; absent outside a git clone. */
  readonly commit?: string;
}

const require = createRequire(import.meta.url);

/**
 * The installed version of a package, read from its package.json in the node_modules folders Node
 * would search. Not through `require('<name>/package.json')`: packages whose `exports` do not list
 * it (vega, vega-lite) refuse that, which is how the report came to say `unknown`.
 */
export function installedVersion(name: string): string {
  for (const dir of require.resolve.paths(name) ?? []) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, name, 'package.json'), 'utf8')) as { name?: string; version?: unknown };
      if (pkg.name === name && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // not in this folder; try the next one up
    }
  }
  return 'not installed';
}

/** Every runtime dependency in package.json, and the test runner whose reporter writes reports. */
export function dependencyVersions(): Record<string, string> {
  const manifest = require('../../package.json') as { dependencies?: Record<string, string> };
  const names = [...Object.keys(manifest.dependencies ?? {}), 'vitest'].sort();
  return Object.fromEntries(names.map((name) => [name, installedVersion(name)]));
}

/** `git rev-parse HEAD` of the checkout (`+dirty` when tracked files changed), or undefined outside a git clone. */
export function gitCommit(cwd: string = repositoryRoot): string | undefined {
  const git = (args: string[]) =>
    execFileSync('git', args, { cwd, encoding: 'utf8', timeout: 5000, stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  try {
    // Installed under someone else's repository (node_modules/theorycheck), the commit would be theirs.
    if (realpathSync(git(['rev-parse', '--show-toplevel'])) !== realpathSync(cwd)) return undefined;
    const head = git(['rev-parse', 'HEAD']);
    if (!/^[0-9a-f]{40}$/.test(head)) return undefined;
    const dirty = git(['status', '--porcelain', '--untracked-files=no']) !== '';
    return dirty ? `${head}+dirty` : head;
  } catch {
    return undefined;
  }
}

export function collectProvenance(input: {
  profile: Profile;
  seed: number;
  backends: RunProvenance['backends'];
  startedAt: Date;
  partial: boolean;
  stoppedBy?: SuiteStop;
  command: string;
}): RunProvenance {
  const finished = new Date();
  const commit = gitCommit();
  const cpus = os.cpus();
  return {
    tool: 'theorycheck',
    toolVersion: packageVersion(),
    node: process.version,
    packages: dependencyVersions(),
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
    ...(commit ? { commit } : {}),
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
export function backendsOf(
  results: readonly { backend: string; device: string }[],
  resolved: readonly BackendEntry[] = [],
): BackendEntry[] {
  const seen = new Map<string, BackendEntry>();
  for (const r of results) {
    const known = resolved.find((b) => b.name === r.backend && b.device === r.device);
    seen.set(`${r.backend}|${r.device}`, backendEntry(known ?? { name: r.backend, device: r.device }));
  }
  return [...seen.values()];
}
