import type { Command } from 'commander';
import { defaultPeerScript } from '../../bench/peer.ts';
import { formatBench, runBench } from '../../bench/runBench.ts';
import { parseShapes } from '../../bench/shapes.ts';
import { integerOption } from '../options.ts';

interface BenchCliOptions {
  shapes: string;
  iters?: string;
  repeats: string;
  peer: string;
  python: string;
  peerThreads: string;
  others: string;
  otherBudget: string;
  json?: boolean;
}

export function registerBench(program: Command): void {
  program
    .command('bench')
    .description('time the fastest compute path against the NumPy peer at shapes S, M, L, side by side in one run')
    .option('--shapes <list>', 'shapes to run, comma-separated', 'S,M,L')
    .option('--iters <n>', 'steps per timing (default: S 200, M 30, L 10), the same for ours and the peer')
    .option('--repeats <n>', 'alternate peer and ours this many times, keep the fastest of each', '3')
    .option('--peer <path>', 'the NumPy peer script', defaultPeerScript)
    .option('--python <cmd>', 'python interpreter for the peer', 'python3')
    .option('--peer-threads <list>', 'BLAS thread counts for the peer, fastest kept ("default" = NumPy\'s own)', 'default,1')
    .option('--others <list>', 'shapes at which the other backends are timed too ("" for none)', 'S,M')
    .option('--other-budget <ms>', 'rough time budget per other backend and shape', '20000')
    .option('--json', 'print the rows as JSON instead of the table')
    .action((options: BenchCliOptions) => {
      const shapes = parseShapes(options.shapes);
      const iterations = options.iters === undefined ? undefined : integerOption('iters', 1)(options.iters);
      const othersAt = options.others.trim() === '' ? [] : parseShapes(options.others).map((s) => s.name);
      const rows = runBench({
        shapes,
        iterations,
        repeats: integerOption('repeats', 1)(options.repeats),
        peerScript: options.peer,
        python: options.python,
        peerThreads: options.peerThreads.split(',').map((t) => (t.trim() === 'default' ? undefined : integerOption('peer-threads', 1)(t.trim()))),
        othersAt,
        otherBudgetMs: integerOption('other-budget', 1)(options.otherBudget),
        onProgress: options.json ? undefined : (line) => process.stderr.write(`${line}\n`),
      });
      process.stdout.write(options.json ? `${JSON.stringify(rows, null, 1)}\n` : `${formatBench(rows)}\n`);
    });
}
