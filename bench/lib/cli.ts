import { writeSync } from 'node:fs';

/** `--seconds 3`, `--seconds=3`, `--no-worker` → { seconds: '3', worker: false }. */
export function parseArgs(argv: string[]): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) throw new Error(`unexpected argument ${JSON.stringify(a)}`);
    const eq = a.indexOf('=');
    if (eq > 0) out[a.slice(2, eq)] = a.slice(eq + 1);
    else if (a.startsWith('--no-')) out[a.slice(5)] = false;
    else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) out[a.slice(2)] = argv[++i];
    else out[a.slice(2)] = true;
  }
  return out;
}

export function numberArg(args: Record<string, string | boolean>, name: string, fallback: number, min = 0): number {
  const v = args[name];
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n < min) throw new Error(`--${name} must be a number ≥ ${min} (got ${String(v)})`);
  return n;
}

/** Diagnostics go to stderr; stdout carries only the result line. */
export function note(msg: string): void {
  process.stderr.write(`[bench] ${msg}\n`);
}

/**
 * Write the ONE result line. bench/run.ts gives the bench a private pipe (BENCH_RESULT_FD) so that
 * nothing else the process prints (pino logs go to fd 1) can end up mixed into the result.
 */
export function emitResult(result: Record<string, unknown>): void {
  const line = `${JSON.stringify(result)}\n`;
  const fd = Number(process.env.BENCH_RESULT_FD ?? 1);
  writeSync(Number.isInteger(fd) && fd > 0 ? fd : 1, line);
}

export const round = (n: number, digits = 1): number => {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
};
