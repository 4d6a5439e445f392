/**
 * A `verify` worker process (forked by pool.ts): receives tasks over IPC, runs each with the
 * same code as the sequential path, and sends back the result. It keeps running through SIGINT,
 * SIGTERM and SIGHUP (the terminal sends them to the whole process group) and stops its search
 * instead, so the parent still gets every result, marked interrupted, for its partial report.
 */
import type { ClaimRegistry } from '../../claims/registry.ts';
import { loadRegistry } from '../project.ts';
import { runClaimTask, runStudyTask, type VerifySettings, type VerifyTask } from './verifyTasks.ts';

export type ToWorker = { type: 'task'; index: number; task: VerifyTask; settings: VerifySettings } | { type: 'abort' } | { type: 'exit' };
export type FromWorker =
  | { type: 'ready' }
  | { type: 'run'; index: number; params: string }
  | { type: 'done'; index: number; value: unknown }
  | { type: 'failed'; index: number; message: string };

const controller = new AbortController();
const stop = () => controller.abort();
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, stop);
// The parent is gone: nobody is left to report to.
process.on('disconnect', () => process.exit(0));

const send = (message: FromWorker) => process.send?.(message);

// Loaded once, from the same source as the parent's registry.
let registry: Promise<ClaimRegistry> | null = null;

async function run(index: number, task: VerifyTask, settings: VerifySettings): Promise<unknown> {
  if (!settings.registry) throw new Error('this registry cannot be loaded in a worker process');
  const claims = await (registry ??= loadRegistry(settings.registry));
  if (task.kind === 'claim') {
    return runClaimTask(claims.require(task.claimId), task.regime, settings, controller.signal, (record) =>
      send({ type: 'run', index, params: JSON.stringify(record.params) }),
    );
  }
  const study = claims.studies.find((s) => s.id === task.studyId);
  if (!study) throw new Error(`unknown study ${task.studyId}`);
  return runStudyTask(study, settings, controller.signal);
}

process.on('message', (message: ToWorker) => {
  if (message.type === 'abort') stop();
  else if (message.type === 'exit') process.disconnect();
  else {
    run(message.index, message.task, message.settings).then(
      (value) => send({ type: 'done', index: message.index, value }),
      (error: unknown) => send({ type: 'failed', index: message.index, message: error instanceof Error ? error.message : String(error) }),
    );
  }
});
send({ type: 'ready' });
