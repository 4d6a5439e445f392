import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../../bin/theorycheck.mjs', import.meta.url));

export interface SuiteOptions {
  readonly profile: string;
  readonly seed: number;
  /** Worker counts to compare, e.g. [1, 2]; each gets the same budgets. */
  readonly jobs: readonly number[];
  /** Rounds; the job counts alternate within each, the fastest wall time of each is kept. */
  readonly repeats: number;
  /** Keep each run's report in DIR/jobs-N (default: a temporary directory, removed). */
  readonly keepIn?: string;
  /** Extra verify arguments (e.g. --paper zhong2017). */
  readonly args?: readonly string[];
  readonly onProgress?: (line: string) => void;
}

export interface SuiteRun {
  readonly jobs: number;
  readonly wallS: number;
  /** User + system time of the verify process and its workers, from /proc (null off Linux). */
  readonly cpuS: number | null;
  readonly exitCode: number | null;
  /** Claim regimes in the report. */
  readonly claims: number;
  /** Seconds of claim time per paper, summed from the report's durationMs. */
  readonly claimSecondsByPaper: Record<string, number>;
}

export interface SuiteReport {
  readonly profile: string;
  readonly loadAverage: { readonly before: number; readonly after: number };
  /** Best run per job count (by wall time). */
  readonly runs: readonly SuiteRun[];
  /** Wall time of the first job count over each other's. */
  readonly speedup: Record<string, number>;
  /** Whether every job count wrote the same verdicts, counts, margins and counterexamples (durations and device strings aside). */
  readonly identicalResults: boolean;
  readonly difference?: string;
}

/** CPU seconds of this process's reaped children (and theirs), from /proc/self/stat; null where there is none. */
function childrenCpuSeconds(): number | null {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After the command: fields[0] is field 3 (state); cutime and cstime are fields 16 and 17, in clock ticks (USER_HZ = 100 on Linux).
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return null;
  }
}

/** Fields of a claim result that depend on the machine's timing, not on the computation. */
const timingFields = new Set([
  'durationMs',
  'device',
  'cached',
  'startedAt',
  'finishedAt',
  'msPerStep',
  'msPerIteration',
  'elapsedMs',
  'wallMs',
]);

function comparable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(comparable);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => !timingFields.has(k))
        .map(([k, v]) => [k, comparable(v)]),
    );
  return value;
}

/**
 * `theorycheck bench --suite`: the whole `verify` at each worker count, same profile, seed and
 * budgets, with the result cache in memory only (a disk cache would make the second run free)
 * and the corpus read-only; wall and CPU time, and whether the reports agree.
 */
export function runVerifySuite(options: SuiteOptions): SuiteReport {
  const before = loadavg()[0];
  const best = new Map<number, SuiteRun>();
  const reports = new Map<number, { claims: unknown; maps: unknown; experiments: unknown }>();
  for (let round = 0; round < options.repeats; round++) {
    const order = round % 2 === 0 ? options.jobs : [...options.jobs].reverse();
    for (const jobs of order) {
      const out = options.keepIn ? join(options.keepIn, `jobs-${jobs}`) : mkdtempSync(join(tmpdir(), 'theorycheck-suite-'));
      const cpuBefore = childrenCpuSeconds();
      const started = performance.now();
      const run = spawnSync(
        process.execPath,
        [
          cli,
          'verify',
          '--profile',
          options.profile,
          '--seed',
          String(options.seed),
          '--jobs',
          String(jobs),
          '--out',
          out,
          ...(options.args ?? []),
        ],
        {
          encoding: 'utf8',
          env: { ...process.env, THEORYCHECK_CACHE: 'memory', THEORYCHECK_CORPUS: 'read' },
          maxBuffer: 64 * 1024 * 1024,
        },
      );
      const wallS = (performance.now() - started) / 1000;
      const cpuAfter = childrenCpuSeconds();
      let claims: { paper: { id: string }; durationMs: number }[] = [];
      try {
        const file = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
        claims = file.claims;
        reports.set(jobs, { claims: comparable(file.claims), maps: comparable(file.maps), experiments: comparable(file.experiments) });
      } catch {
        // No report: the exit code says why.
      }
      if (!options.keepIn) rmSync(out, { recursive: true, force: true });
      const claimSecondsByPaper: Record<string, number> = {};
      for (const c of claims) claimSecondsByPaper[c.paper.id] = (claimSecondsByPaper[c.paper.id] ?? 0) + c.durationMs / 1000;
      const result: SuiteRun = {
        jobs,
        wallS,
        cpuS: cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore,
        exitCode: run.status,
        claims: claims.length,
        claimSecondsByPaper,
      };
      options.onProgress?.(
        `round ${round + 1}/${options.repeats}, --jobs ${jobs}: ${wallS.toFixed(1)} s wall, ${result.cpuS?.toFixed(1) ?? '?'} s CPU, exit ${run.status}${run.status === 0 || run.status === 1 ? '' : `: ${(run.stderr ?? '').trim().split('\n').pop()}`}`,
      );
      const known = best.get(jobs);
      if (!known || wallS < known.wallS) best.set(jobs, result);
    }
  }
  const runs = options.jobs.map((j) => best.get(j)!);
  const speedup: Record<string, number> = {};
  for (const r of runs.slice(1)) speedup[`jobs ${runs[0].jobs} / jobs ${r.jobs}`] = runs[0].wallS / r.wallS;
  const texts = options.jobs.map((j) => JSON.stringify(reports.get(j) ?? null));
  const differing = texts.findIndex((t) => t !== texts[0]);
  return {
    profile: options.profile,
    loadAverage: { before, after: loadavg()[0] },
    runs,
    speedup,
    identicalResults: differing < 0 && texts[0] !== 'null',
    ...(differing >= 0 ? { difference: `--jobs ${options.jobs[0]} and --jobs ${options.jobs[differing]} wrote different results` } : {}),
  };
}

/** The suite as Markdown. */
export function formatSuite(report: SuiteReport): string {
  const papers = [...new Set(report.runs.flatMap((r) => Object.keys(r.claimSecondsByPaper)))].sort();
  const lines = [
    `verify --profile ${report.profile}; load average ${report.loadAverage.before.toFixed(2)} before, ${report.loadAverage.after.toFixed(2)} after`,
    '',
    `| --jobs | wall s | CPU s (all processes) | claim regimes | exit | ${papers.map((p) => `${p} claim s`).join(' | ')} |`,
    `|${' --- |'.repeat(5 + papers.length)}`,
    ...report.runs.map(
      (r) =>
        `| ${r.jobs} | ${r.wallS.toFixed(1)} | ${r.cpuS?.toFixed(1) ?? 'n/a'} | ${r.claims} | ${r.exitCode} | ${papers.map((p) => (r.claimSecondsByPaper[p] ?? 0).toFixed(1)).join(' | ')} |`,
    ),
    '',
    ...Object.entries(report.speedup).map(([k, v]) => `speed-up (wall, ${k}): ${v.toFixed(2)}×`),
    report.identicalResults
      ? 'results identical across job counts (durations and device strings aside)'
      : `RESULTS DIFFER: ${report.difference ?? 'a run wrote no report'}`,
  ];
  return lines.join('\n');
}
