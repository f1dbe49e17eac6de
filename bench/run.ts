/**
 * `npm run bench -- <name> [options]` runs bench/<name>.ts in a child process. The child's stdout and
 * stderr both go to our stderr (the app logs with pino straight to fd 1); the child writes its ONE result
 * line to a private pipe (fd 3, BENCH_RESULT_FD), which is all we print on stdout.
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && f !== 'run.ts')
  .map((f) => f.slice(0, -3))
  .sort();

const [name, ...rest] = process.argv.slice(2);
if (!name || !available.includes(name)) {
  process.stderr.write(`usage: npm run bench -- <name> [options]\navailable: ${available.join(', ')}\n`);
  process.exit(2);
}

const child = spawn(process.execPath, [...process.execArgv, path.join(here, `${name}.ts`), ...rest], {
  stdio: ['ignore', 2, 2, 'pipe'],
  env: { ...process.env, BENCH_RESULT_FD: '3' },
});
const result = child.stdio[3];
result?.on('data', (chunk: Buffer) => process.stdout.write(chunk));
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => {
  process.exitCode = code ?? (signal ? 1 : 0);
});
