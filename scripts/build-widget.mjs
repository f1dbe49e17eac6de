// Bundle the chat widget (src/widget, plain TypeScript, no framework) into one file: dist/widget/widget.js.
import { build } from 'esbuild';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';

const out = 'dist/widget/widget.js';
const newest = (dir) => Math.max(...readdirSync(dir).map((f) => statSync(`${dir}/${f}`).mtimeMs));
const force = process.argv.includes('--force');
if (force || !existsSync(out) || newest('src/widget') > statSync(out).mtimeMs) {
  await build({
    entryPoints: ['src/widget/main.ts'], outfile: out, bundle: true, minify: true, format: 'iife', target: 'es2019',
    legalComments: 'none', logLevel: 'warning',
  });
  const size = readFileSync(out);
  console.log(`chat widget built: ${out} (${size.length} bytes, ${gzipSync(size).length} gzipped)`);
}
