// ESLint 10 flat config: @eslint/js + typescript-eslint 8 "recommended" (syntax only, no type information,
// so `npm run lint` stays fast on a 2-core CI machine; `npm run typecheck` covers the type side).
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

// Globals for the few plain .js/.mjs/.cjs files (TypeScript files need none: tsc checks names there).
const nodeGlobals = Object.fromEntries(
  ['process', 'console', 'Buffer', 'URL', 'URLSearchParams', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval',
    'setImmediate', 'queueMicrotask', 'structuredClone', 'fetch', 'AbortController', 'TextEncoder', 'TextDecoder']
    .map((g) => [g, 'readonly']),
);

export default defineConfig(
  { ignores: ['dist/', 'data/', '.tmp/', 'node_modules/', 'coverage/', 'test-results/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `_x` marks a deliberately unused binding (omitting a field by destructuring, unused handler args).
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true,
        },
      ],
      // `any` only where unavoidable (driver/library seams): visible in the output, but not blocking.
      '@typescript-eslint/no-explicit-any': 'warn',
      // Stripping control characters from untrusted input (filenames, headers) is deliberate here.
      'no-control-regex': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { sourceType: 'module', globals: nodeGlobals },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...nodeGlobals, module: 'writable', require: 'readonly', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
