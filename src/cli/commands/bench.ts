import type { Command } from 'commander';
import { defaultJaxPeerScript, defaultPeerScript, type PeerName, type PeerSpec } from '../../bench/peer.ts';
import { getBackend, parseBackendRequest } from '../../compute/backends.ts';
import { gpuModes, probeModes } from '../../compute/gpujs/gpuModes.ts';
import { InvalidParameterError } from '../../parameters/validation.ts';
import { formatBench, runBench } from '../../bench/runBench.ts';
import { parseShapes } from '../../bench/shapes.ts';
import { formatSuite, runVerifySuite } from '../../bench/verifySuite.ts';
import { parseProfile } from '../../claims/profile.ts';
import { computeThreads } from '../../compute/threads.ts';
import { integerOption } from '../options.ts';

interface BenchCliOptions {
  shapes: string;
  iters?: string;
  repeats: string;
  peer: string;
  jaxPeer: string;
  peers: string;
  python: string;
  jaxPython?: string;
  backend: string;
  peerThreads: string;
  others: string;
  otherBudget: string;
  json?: boolean;
  suite?: boolean;
  suiteProfile: string;
  suiteJobs?: string;
  suiteRepeats: string;
  suitePaper?: string[];
  suiteOut?: string;
  gpu?: boolean;
}

export function registerBench(program: Command): void {
  program
    .command('bench')
    .description('time the fastest compute path against the NumPy and JAX peers at shapes S, M, L, side by side in one run')
    .option('--shapes <list>', 'shapes to run, comma-separated', 'S,M,L')
    .option('--iters <n>', 'steps per timing (default: S 200, M 30, L 10), the same for ours and the peer')
    .option('--repeats <n>', 'alternate the peers and ours this many times, keep the fastest of each', '3')
    .option('--peers <list>', 'peers to run, comma-separated (numpy, jax; "" for none)', 'numpy,jax')
    .option('--peer <path>', 'the NumPy peer script', defaultPeerScript)
    .option('--jax-peer <path>', 'the JAX peer script', defaultJaxPeerScript)
    .option('--python <cmd>', 'python interpreter for the peers (one with numpy, and jax for the JAX peer)', 'python3')
    .option('--jax-python <cmd>', 'python interpreter for the JAX peer only (default: --python)')
    .option('--backend <name>', 'our path under test', 'fast')
    .option('--peer-threads <list>', 'BLAS thread counts for the peer, fastest kept ("default" = NumPy\'s own)', 'default,1')
    .option('--others <list>', 'shapes at which the other backends are timed too ("" for none)', 'S,M')
    .option('--other-budget <ms>', 'rough time budget per other backend and shape', '20000')
    .option('--json', 'print the rows as JSON instead of the table')
    .option(
      '--gpu',
      'instead: say which gpu.js modes can start here and why not; where a GPU mode runs, time gpu.js at each shape against native and the peers',
    )
    .option('--suite', 'instead: time the whole `verify` at --suite-jobs worker counts, same budgets, and check the reports agree')
    .option('--suite-profile <profile>', 'profile of the suite run', 'ci')
    .option('--suite-jobs <list>', 'worker counts to compare (default: 1 and the cores)')
    .option('--suite-repeats <n>', 'rounds, job counts alternating, fastest kept', '1')
    .option('--suite-paper <id...>', 'only these papers in the suite run')
    .option('--suite-out <dir>', "keep each suite run's report in DIR/jobs-N")
    .action(async (options: BenchCliOptions) => {
      const peersOf = () =>
        parsePeers(options.peers).map((name): PeerSpec =>
          name === 'numpy'
            ? { name, script: options.peer, python: options.python }
            : { name, script: options.jaxPeer, python: options.jaxPython ?? options.python },
        );
      if (options.gpu) {
        const probes = await probeModes();
        for (const p of probes) process.stdout.write(`${p.mode}: ${p.usable ? 'can run' : 'cannot run'} — ${p.reason}\n`);
        const gpujs = getBackend('gpujs');
        const mode = probes.find((p) => p.usable && gpuModes.includes(p.mode));
        if (!mode) {
          process.stdout.write(
            `no GPU mode could start; gpu.js would run on the CPU (${gpujs.device.split(' (')[0]}), so nothing was timed\n`,
          );
          return;
        }
        const report = runBench({
          shapes: parseShapes(options.shapes),
          repeats: integerOption('repeats', 1)(options.repeats),
          peers: peersOf(),
          backend: 'gpujs',
          peerThreads: [undefined],
          othersAt: ['S', 'M', 'L'],
          otherBackends: ['native'],
          otherBudgetMs: integerOption('other-budget', 1)(options.otherBudget),
          onProgress: options.json ? undefined : (line) => process.stderr.write(`${line}\n`),
        });
        process.stdout.write(options.json ? `${JSON.stringify({ modes: probes, ...report }, null, 1)}\n` : `${formatBench(report)}\n`);
        return;
      }
      if (options.suite) {
        const profile = parseProfile(options.suiteProfile);
        const jobs =
          options.suiteJobs === undefined
            ? [1, Math.max(2, computeThreads())]
            : options.suiteJobs.split(',').map((j) => integerOption('suite-jobs', 1)(j.trim()));
        const suite = runVerifySuite({
          profile,
          seed: 42,
          jobs,
          repeats: integerOption('suite-repeats', 1)(options.suiteRepeats),
          args: options.suitePaper?.length ? ['--paper', ...options.suitePaper] : [],
          keepIn: options.suiteOut,
          onProgress: (line) => process.stderr.write(`${line}\n`),
        });
        process.stdout.write(options.json ? `${JSON.stringify(suite, null, 1)}\n` : `${formatSuite(suite)}\n`);
        return;
      }
      const shapes = parseShapes(options.shapes);
      const iterations = options.iters === undefined ? undefined : integerOption('iters', 1)(options.iters);
      const othersAt = options.others.trim() === '' ? [] : parseShapes(options.others).map((s) => s.name);
      const peers = peersOf();
      const report = runBench({
        shapes,
        iterations,
        repeats: integerOption('repeats', 1)(options.repeats),
        peers,
        backend: parseBackendRequest(options.backend),
        peerThreads: options.peerThreads
          .split(',')
          .map((t) => (t.trim() === 'default' ? undefined : integerOption('peer-threads', 1)(t.trim()))),
        othersAt,
        otherBudgetMs: integerOption('other-budget', 1)(options.otherBudget),
        onProgress: options.json ? undefined : (line) => process.stderr.write(`${line}\n`),
      });
      process.stdout.write(options.json ? `${JSON.stringify(report, null, 1)}\n` : `${formatBench(report)}\n`);
    });
}

function parsePeers(text: string): PeerName[] {
  const names = text
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  for (const name of names)
    if (name !== 'numpy' && name !== 'jax') throw new InvalidParameterError('peers', text, 'a comma-separated list of numpy, jax');
  return [...new Set(names)] as PeerName[];
}
