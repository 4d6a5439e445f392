import type { Command } from 'commander';
import { defaultJaxPeerScript, defaultPeerScript, type PeerName, type PeerSpec } from '../../bench/peer.ts';
import { parseBackendRequest } from '../../compute/backends.ts';
import { InvalidParameterError } from '../../parameters/validation.ts';
import { formatBench, runBench } from '../../bench/runBench.ts';
import { parseShapes } from '../../bench/shapes.ts';
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
    .action((options: BenchCliOptions) => {
      const shapes = parseShapes(options.shapes);
      const iterations = options.iters === undefined ? undefined : integerOption('iters', 1)(options.iters);
      const othersAt = options.others.trim() === '' ? [] : parseShapes(options.others).map((s) => s.name);
      const peers = parsePeers(options.peers).map((name): PeerSpec => (name === 'numpy' ? { name, script: options.peer, python: options.python } : { name, script: options.jaxPeer, python: options.jaxPython ?? options.python }));
      const report = runBench({
        shapes,
        iterations,
        repeats: integerOption('repeats', 1)(options.repeats),
        peers,
        backend: parseBackendRequest(options.backend),
        peerThreads: options.peerThreads.split(',').map((t) => (t.trim() === 'default' ? undefined : integerOption('peer-threads', 1)(t.trim()))),
        othersAt,
        otherBudgetMs: integerOption('other-budget', 1)(options.otherBudget),
        onProgress: options.json ? undefined : (line) => process.stderr.write(`${line}\n`),
      });
      process.stdout.write(options.json ? `${JSON.stringify(report, null, 1)}\n` : `${formatBench(report)}\n`);
    });
}

function parsePeers(text: string): PeerName[] {
  const names = text.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  for (const name of names) if (name !== 'numpy' && name !== 'jax') throw new InvalidParameterError('peers', text, 'a comma-separated list of numpy, jax');
  return [...new Set(names)] as PeerName[];
}
