import cliProgress from 'cli-progress';

export interface Progress {
  update(done: number, payload: { claim: string; params: string }): void;
  /** The plan grew (the explorer refining its map): the ETA follows the new total. */
  setTotal(total: number): void;
  stop(): void;
}

/**
 * A progress bar with ETA on a terminal; on a pipe (CI) one line per claim regime instead, so logs
 * stay readable.
 */
export function createProgress(total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) {
    let last = '';
    return {
      update(done, { claim }) {
        if (claim !== last) stream.write(`[${done}/${total}] ${claim}\n`);
        last = claim;
      },
      setTotal(next) {
        total = next;
      },
      stop() {},
    };
  }
  const bar = new cliProgress.SingleBar(
    { format: '{bar} {value}/{total} runs | ETA {eta_formatted} | {claim} | {params}', stream, hideCursor: true, etaBuffer: 20 },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { claim: '', params: '' });
  return {
    setTotal(next) {
      total = next;
      bar.setTotal(next);
    },
    update(done, payload) {
      bar.setTotal(Math.max(total, done));
      bar.update(done, { ...payload, params: payload.params.slice(0, 60) });
    },
    stop: () => bar.stop(),
  };
}
