/**
 * Layer rules (docs: /work/shared/ARCHITECTURE.md §1), checked by `npm run check:layers`.
 *   platform → only platform (+ npm, node:)       shared → only shared (+ npm; no node: built-ins)
 *   domain/<m> → platform, shared, domain/<m>/**, other modules only via domain/<other>/index.ts
 *   domain ↛ server/worker/cli/web                web → only web and shared (+ npm; no node: built-ins)
 *   server/worker/cli → domain only via domain/<m>/index.ts; worker ↛ server/cli; server ↛ cli
 *   no cycles anywhere.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'platform-is-infrastructure-only',
      comment: 'src/platform holds infrastructure only: it may import npm packages, node: built-ins and itself — nothing else from src/.',
      severity: 'error',
      from: { path: '^src/platform/' },
      to: { path: '^src/', pathNot: '^src/platform/' },
    },
    {
      name: 'shared-is-pure',
      comment: 'src/shared is isomorphic (the web app imports it): only itself and npm packages, no other src/ folder.',
      severity: 'error',
      from: { path: '^src/shared/' },
      to: { path: '^src/', pathNot: '^src/shared/' },
    },
    {
      name: 'shared-no-node-builtins',
      comment: 'src/shared runs in the browser too: no node: built-ins.',
      severity: 'error',
      from: { path: '^src/shared/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'domain-only-platform-shared-domain',
      comment: 'A domain module builds on platform, shared and other domain modules — never on an adapter (server, worker, cli, web).',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { path: '^src/', pathNot: '^src/(platform|shared|domain)/' },
    },
    {
      name: 'domain-modules-via-index',
      comment: 'Another domain module is reached only through its index.ts (kernel included).',
      severity: 'error',
      from: { path: '^src/domain/([^/]+)/' },
      to: { path: '^src/domain/[^/]+/', pathNot: ['^src/domain/$1/', '^src/domain/[^/]+/index\\.ts$'] },
    },
    {
      name: 'domain-files-belong-to-a-module',
      comment: 'Files live inside a module folder (src/domain/<m>/…), not loose in src/domain.',
      severity: 'error',
      from: {},
      to: { path: '^src/domain/[^/]+\\.tsx?$' },
    },
    {
      name: 'adapters-use-domain-index',
      comment: 'server, worker and cli are thin adapters: they call domain modules only through domain/<m>/index.ts.',
      severity: 'error',
      from: { path: '^src/(server|worker|cli)/' },
      to: { path: '^src/domain/[^/]+/', pathNot: '^src/domain/[^/]+/index\\.ts$' },
    },
    {
      name: 'adapters-no-web',
      comment: 'server, worker and cli do not import the browser app (the server serves its build output only).',
      severity: 'error',
      from: { path: '^src/(server|worker|cli)/' },
      to: { path: '^src/web/' },
    },
    {
      name: 'worker-not-to-server-or-cli',
      comment: 'The worker runs without HTTP: it must not depend on the server or the cli (shared bits go to platform or shared).',
      severity: 'error',
      from: { path: '^src/worker/' },
      to: { path: '^src/(server|cli)/' },
    },
    {
      name: 'server-not-to-cli',
      comment: 'The cli composes the server, not the other way round.',
      severity: 'error',
      from: { path: '^src/server/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'web-only-web-and-shared',
      comment: 'The web app talks to the server over HTTP: it imports only src/web and src/shared (+ npm packages).',
      severity: 'error',
      from: { path: '^src/web/' },
      to: { path: '^src/', pathNot: '^src/(web|shared)/' },
    },
    {
      name: 'web-no-node-builtins',
      comment: 'The web app runs in the browser: no node: built-ins.',
      severity: 'error',
      from: { path: '^src/web/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'no-circular',
      comment: 'No import cycles. A cycle closed only through a lazy import() (a web module page loaded on demand) is not a load-time cycle.',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['dynamic-import'] } },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'Every import resolves (a missing file or an undeclared package).',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(__tests__|node_modules)/|\\.test\\.tsx?$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.d.ts'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
