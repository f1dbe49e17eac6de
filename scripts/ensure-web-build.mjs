// Build the web UI once (or when its sources are newer than the build), so `npm start` just works.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const out = 'dist/web/index.html';
function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}
const stale = !existsSync(out) || newest('src/web') > statSync(out).mtimeMs || newest('src/shared') > statSync(out).mtimeMs;
if (stale) {
  console.log('Building the web UI (first start only)…');
  execSync('npx vite build --logLevel warn', { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
}
// The chat widget (src/widget → dist/widget/widget.js, served at /widget.js) is built the same way when stale.
execSync('node scripts/build-widget.mjs', { stdio: 'inherit' });
