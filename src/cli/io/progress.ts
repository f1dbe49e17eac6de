import cliProgress from 'cli-progress';

export interface Progress {
  /** value: how far (bytes read, tickets written); detail: the human summary so far. */
  update(value: number, detail: string): void;
  /** Print something without garbling the bar. */
  log(line: string): void;
  stop(): void;
}

/**
 * A progress bar on stderr when it is a terminal; otherwise (CI, pipes, logs) a plain line every
 * few seconds. Never writes to stdout, so exports can stream there.
 */
export function createProgress(label: string, total: number | null, stream: NodeJS.WriteStream = process.stderr, everyMs = 2000): Progress {
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar({
      stream,
      format: total ? `${label} {bar} {percentage}% | {detail} | ETA {eta_formatted}` : `${label} {detail} | {duration_formatted}`,
      barsize: 28,
      hideCursor: true,
      clearOnComplete: true,
      fps: 8,
      etaBuffer: 50,
    }, cliProgress.Presets.shades_classic);
    bar.start(total ?? 1, 0, { detail: 'starting…' });
    return {
      update: (value, detail) => bar.update(total ? Math.min(value, total) : 0, { detail }),
      log: (line) => {
        stream.write('\r\x1b[K');
        stream.write(`${line}\n`);
      },
      stop: () => bar.stop(),
    };
  }
  let last = Date.now();
  return {
    update(value, detail) {
      const now = Date.now();
      if (now - last < everyMs) return;
      last = now;
      const pct = total ? ` ${Math.floor((Math.min(value, total) / total) * 100)}%` : '';
      stream.write(`${label}${pct}: ${detail}\n`);
    },
    log: (line) => stream.write(`${line}\n`),
    stop: () => undefined,
  };
}
