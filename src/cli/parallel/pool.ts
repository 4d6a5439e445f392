import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readResultsFileIfPresent } from '../../report/resultsSchema.ts';
import type { VerifySettings, VerifyTask } from './verifyTasks.ts';
import type { FromWorker, ToWorker } from './worker.ts';

// From source (a clone) the worker is TypeScript and runs through tsx; installed, it is dist/'s compiled worker.js.
const fromSource = import.meta.url.endsWith('.ts');
const workerEntry = fileURLToPath(new URL(fromSource ? './worker.ts' : './worker.js', import.meta.url));
const workerExecArgv = fromSource ? [...process.execArgv, '--import', 'tsx'] : process.execArgv;

export interface PoolOptions {
  /** Worker processes (at most one per task). */
  readonly jobs: number;
  readonly settings: VerifySettings;
  /** Aborting it stops every worker's search; unfinished tasks come back interrupted, as in one process. */
  readonly signal: AbortSignal;
  /** Expected milliseconds of a task, when known: the longest are handed out first, so no core idles at the end. */
  readonly estimate?: (task: VerifyTask) => number | undefined;
  /** A task was handed to worker number `worker` (0 … jobs − 1). */
  readonly onStart?: (task: VerifyTask, worker: number) => void;
  /** A worker finished one run of a claim task (progress bars). */
  readonly onRun?: (task: VerifyTask, params: string) => void;
}

/**
 * Runs tasks in worker processes and returns their values in task order, whatever order they
 * finished in: every task derives its seeds from its own label (never from what ran before it),
 * so the merged results equal a sequential run's. A worker that fails or dies rejects the whole run.
 */
export function runTasksInParallel(tasks: readonly VerifyTask[], options: PoolOptions): Promise<unknown[]> {
  const values: unknown[] = new Array(tasks.length);
  // A run group's tasks go to one worker in plan order, so they share what its process caches; the groups are handed out longest first.
  const byGroup = new Map<string, number[]>();
  tasks.forEach((task, i) => {
    const key = task.group ?? `#${i}`;
    byGroup.set(key, [...(byGroup.get(key) ?? []), i]);
  });
  const units = [...byGroup.values()];
  if (options.estimate) {
    const cost = (unit: number[]) => unit.reduce((sum, i) => sum + (options.estimate!(tasks[i]) ?? 0), 0);
    units.sort((a, b) => cost(b) - cost(a) || a[0] - b[0]);
  }
  const jobs = Math.max(1, Math.min(options.jobs, units.length));
  // Workers keep the parent's THEORYCHECK_THREADS: the device string (which names the thread
  // count) then reads the same as in one process, and OpenMP threads sleep when idle, so the
  // kernels' own threads cost little when both workers run native at once.
  const env = process.env;
  return new Promise((resolve, reject) => {
    if (tasks.length === 0) return resolve(values);
    let finished = 0;
    let failed = false;
    const workers: ChildProcess[] = [];
    const running = new Map<ChildProcess, number>();
    const abort = () => {
      for (const w of workers) if (w.connected) w.send({ type: 'abort' } satisfies ToWorker);
    };
    const fail = (error: Error) => {
      if (failed) return;
      failed = true;
      options.signal.removeEventListener('abort', abort);
      for (const w of workers) w.kill();
      reject(error);
    };
    // The unit each worker is working through, and how far it got.
    const pending = new Map<ChildProcess, number[]>();
    let nextUnit = 0;
    const feed = (worker: ChildProcess) => {
      if (failed) return;
      let queue = pending.get(worker);
      if (!queue?.length) {
        if (nextUnit >= units.length) {
          running.delete(worker);
          if (worker.connected) worker.send({ type: 'exit' } satisfies ToWorker);
          return;
        }
        queue = [...units[nextUnit++]];
        pending.set(worker, queue);
      }
      const index = queue.shift()!;
      running.set(worker, index);
      options.onStart?.(tasks[index], workers.indexOf(worker));
      worker.send({ type: 'task', index, task: tasks[index], settings: options.settings } satisfies ToWorker);
    };
    options.signal.addEventListener('abort', abort, { once: true });
    for (let j = 0; j < jobs; j++) {
      const worker = fork(workerEntry, [], {
        env,
        execArgv: workerExecArgv,
        serialization: 'advanced',
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      workers.push(worker);
      worker.on('message', (message: FromWorker) => {
        if (message.type === 'ready') {
          if (options.signal.aborted) worker.send({ type: 'abort' } satisfies ToWorker);
          feed(worker);
        } else if (message.type === 'run') options.onRun?.(tasks[message.index], message.params);
        else if (message.type === 'failed') fail(new Error(`${describeTask(tasks[message.index])}: ${message.message}`));
        else {
          values[message.index] = message.value;
          finished++;
          if (finished === tasks.length) {
            options.signal.removeEventListener('abort', abort);
            resolve(values);
          }
          feed(worker);
        }
      });
      worker.on('error', (error) => fail(new Error(`verify worker: ${error.message}`)));
      worker.on('exit', (code, signal) => {
        const index = running.get(worker);
        if (index !== undefined)
          fail(new Error(`verify worker died (${signal ?? `exit code ${code}`}) while running ${describeTask(tasks[index])}`));
      });
    }
  });
}

export function describeTask(task: VerifyTask): string {
  return task.kind === 'claim' ? `${task.claimId} [${task.regime}]` : `study ${task.studyId}`;
}

/** Time per claim regime from an earlier results.json in `directory`, for the pool's longest-first order; nothing when there is none. */
export function previousDurations(directory: string): (task: VerifyTask) => number | undefined {
  let known = new Map<string, number>();
  try {
    const file = readResultsFileIfPresent(join(directory, 'results.json'));
    known = new Map((file?.claims ?? []).map((c) => [`${c.id} [${c.regime}]`, c.durationMs]));
  } catch {
    // An unreadable earlier report only costs the ordering.
  }
  return (task) => (task.kind === 'claim' ? known.get(describeTask(task)) : undefined);
}
