import { readFile } from 'node:fs/promises';
import { getSop, listSops, parseSopYaml, runTestCases, testSopVersion, type SopIssue, type TestCaseResult } from '../../domain/sops/index.js';
import type { Command } from '../command.js';
import { REMOTE_HELP, REMOTE_OPTIONS, UsageError, parseFlags } from '../io/args.js';
import { openTarget } from '../io/target.js';

interface Report {
  sop: string;
  version: number | null;
  issues: SopIssue[];
  results: TestCaseResult[];
}

function print(reports: Report[], json: boolean): number {
  const failed = reports.filter((r) => r.issues.length || r.results.some((x) => !x.passed) || !r.results.length).length;
  if (json) {
    process.stdout.write(`${JSON.stringify({ ok: failed === 0, sops: reports })}\n`);
    return failed ? 1 : 0;
  }
  for (const r of reports) {
    const head = `${r.sop}${r.version !== null ? ` v${r.version}` : ''}`;
    if (r.issues.length) {
      console.log(`✗ ${head}: invalid`);
      for (const i of r.issues) console.log(`    ${i.line !== null ? `line ${i.line}, ` : ''}${i.path}: ${i.message}`);
      continue;
    }
    if (!r.results.length) console.log(`✗ ${head}: no test cases (launch needs at least one)`);
    for (const t of r.results) {
      console.log(`${t.passed ? '✓' : '✗'} ${head} — ${t.name}`);
      for (const f of t.failures) console.log(`    ${f}`);
    }
  }
  const cases = reports.flatMap((r) => r.results);
  console.log(`\n${cases.filter((c) => c.passed).length} passed, ${cases.filter((c) => !c.passed).length} failed; ${reports.length - failed}/${reports.length} SOPs ok`);
  return failed ? 1 : 0;
}

export const sopsTestCommand: Command = {
  name: 'sops test',
  summary: 'Validate SOPs and run their test cases (files, or the latest version of each SOP in the workspace)',
  usage: `switchboard sops test [FILE.yaml …] [--key KEY] [--json]

  FILE.yaml   SOP files to validate and test, without a database (exit 1 when any is invalid or fails)
  --key KEY   only the SOP with this key (workspace mode)
  --json      one JSON object on stdout

Without files, the latest version of every SOP in the workspace is tested (and the result stored on it,
as the "Run tests" button does).

${REMOTE_HELP}

Examples:
  switchboard sops test refund.yaml
  switchboard sops test --key refund-coin-purchase`,
  async run(args) {
    const { values, positionals } = parseFlags(args, { key: { type: 'string' }, json: { type: 'boolean' }, ...REMOTE_OPTIONS }, { max: 100, names: 'FILE.yaml …' });
    const json = Boolean(values.json);
    if (positionals.length) {
      const reports: Report[] = [];
      for (const file of positionals) {
        const text = await readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
          throw new UsageError(`cannot read ${file}: ${e.code ?? e.message}`);
        });
        const r = parseSopYaml(text);
        reports.push(r.ok ? { sop: r.definition.key, version: null, issues: [], results: (await runTestCases(r.definition)).results } : { sop: file, version: null, issues: r.issues, results: [] });
      }
      return print(reports, json);
    }
    const target = await openTarget(values);
    try {
      const reports: Report[] = [];
      if (target.kind === 'http') {
        const sops = (await target.api.get<{ data: Array<{ key: string; versions: Array<{ id: string; number: number }> }> }>('/api/v1/sops')).data;
        for (const s of sops.filter((x) => !values.key || x.key === values.key)) {
          const v = s.versions[s.versions.length - 1];
          const r = (await target.api.request<{ results: TestCaseResult[] }>('POST', `/api/v1/sop_versions/${v.id}/test`)).body;
          reports.push({ sop: s.key, version: v.number, issues: [], results: r.results });
        }
      } else {
        await target.run(async (ctx) => {
          for (const s of (await listSops(ctx)).filter((x) => !values.key || x.key === values.key)) {
            const latest = (await getSop(ctx, s.id)).versions[0];
            reports.push({ sop: s.key, version: latest.number, issues: [], results: (await testSopVersion(ctx, latest.id)).results });
          }
        });
      }
      if (values.key && !reports.length) throw new UsageError(`no SOP with key "${values.key}"`);
      return print(reports, json);
    } finally {
      await target.close();
    }
  },
};

/** CLI commands of the sops module. */
export const SOPS_COMMANDS: Command[] = [sopsTestCommand];
