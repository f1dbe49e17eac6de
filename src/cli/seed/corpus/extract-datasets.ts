/**
 * Regenerates the vendored demo texts from the original datasets (run by hand, not at runtime):
 *
 *   npx tsx src/cli/seed/corpus/extract-datasets.ts /path/to/datasets
 *
 * where the folder holds banking77/train.csv (PolyAI, CC BY 4.0) and abcd/guidelines.json + kb.json
 * (ASAPP, MIT). Writes banking77-sample.json (a deterministic sample of customer texts per intent
 * used by the demo) and abcd-playbooks.json (the agent playbooks the demo's internal notes quote).
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { GROUPS } from '../catalog.js';
import { Rng } from '../prng.js';

const TICKETS = 2000;
const here = path.dirname(fileURLToPath(import.meta.url));

/** ABCD's guideline titles for the "flow/subflow" keys the catalog uses. */
const SUBFLOW_TITLES: Record<string, string> = {
  credit_card: 'Invalid Credit Card', manage_payment_method: 'Manage Payment Method', status_mystery_fee: 'Status Mystery Fee',
  mistimed_billing_never_bought: 'Mistimed Billing Never Bought', manage_dispute_bill: 'Manage Dispute Bill',
  refund_initiate: 'Initiate Refund', refund_status: 'Refund Status', status_credit_missing: 'Status Credit Missing',
  manage_pay_bill: 'Manage Pay Bill', bad_price_yesterday: 'Bad Price Yesterday', pricing: 'Pricing FAQ',
  recover_password: 'Recover Password', reset_2fa: 'Reset Two-Factor Auth', recover_username: 'Recover Username',
  manage_change_phone: 'Manage Change Phone', manage_change_name: 'Manage Change Name', status_service_added: 'Status Service Added',
  status_payment_method: 'Status Payment Method', status_due_date: 'Status Due Date', status: 'Shipping Status',
  missing: 'Missing Item', manage_cancel: 'Manage Cancel',
};

interface Guideline {
  description: string;
  subflows: Record<string, { instructions: string[]; actions: Array<{ type: string; button: string; text: string; subtext: string[] }> }>;
}

const rebrand = (s: string) =>
  s.replace(/www\.AcmeBrands\.com/g, 'clipster.example').replace(/acmecorp\.com/gi, 'clipster.example').replace(/AcmeCorp/g, 'Clipster')
    .replace(/\s+/g, ' ').trim();

/** "[Button] guidance": the option label ("Option 2 -") is dropped; a text ending in ":" gets its first sub-point. */
function check(a: { button: string; text: string; subtext: string[] }): string {
  const text = a.text.replace(/^Option \d+\s*-?\s*/, '').trim();
  const body = !text ? a.subtext[0] ?? '' : /:$/.test(text) && a.subtext[0] ? `${text} ${a.subtext[0]}` : text;
  return rebrand(`[${a.button}] ${body}`);
}

const humanStep = (k: string) => {
  const s = k === 'log-out-in' ? 'log out/in' : k.replace(/-/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
};

async function banking(dir: string): Promise<Record<string, string[]>> {
  const rows = parse(await readFile(path.join(dir, 'banking77/train.csv')), { columns: true, skip_empty_lines: true }) as Array<{ text: string; category: string }>;
  const byIntent = new Map<string, string[]>();
  for (const r of rows) {
    const text = r.text.replace(/\s+/g, ' ').trim();
    if (text.length < 12 || text.length > 400) continue;
    byIntent.set(r.category, [...(byIntent.get(r.category) ?? []), text]);
  }
  const totalWeight = GROUPS.reduce((s, g) => s + g.weight, 0);
  const out: Record<string, string[]> = {};
  const rng = new Rng(77);
  for (const g of GROUPS) {
    for (const intent of g.intents) {
      const all = byIntent.get(intent);
      if (!all) {
        if (intent !== 'brand_deal') throw new Error(`BANKING77 has no intent ${intent}`);
        continue;
      }
      // first messages + follow-ups ≈ 1.5 texts per case, plus a margin so texts rarely repeat
      const expected = (TICKETS * g.weight) / totalWeight / g.intents.length;
      const cap = Math.min(all.length, Math.max(20, Math.ceil(expected * 1.6) + 8));
      out[intent] = rng.shuffle(all).slice(0, cap);
    }
  }
  return out;
}

async function playbooks(dir: string) {
  const guidelines = JSON.parse(await readFile(path.join(dir, 'abcd/guidelines.json'), 'utf8')) as Record<string, Guideline>;
  const kb = JSON.parse(await readFile(path.join(dir, 'abcd/kb.json'), 'utf8')) as Record<string, string[]>;
  const keys = [...new Set(GROUPS.flatMap((g) => g.playbooks))];
  const out: Record<string, { flow: string; subflow: string; summary: string; steps: string[]; checks: string[] }> = {};
  for (const key of keys) {
    const [flowKey, sub] = key.split('/');
    const flow = Object.keys(guidelines).find((f) => f.toLowerCase().replace(/[^a-z]+/g, '_') === flowKey);
    const title = SUBFLOW_TITLES[sub];
    const g = flow ? guidelines[flow].subflows[title] : undefined;
    if (!flow || !g || !kb[sub]) throw new Error(`ABCD has no playbook ${key}`);
    out[key] = {
      flow,
      subflow: title,
      summary: rebrand(g.instructions[0]),
      steps: kb[sub].map(humanStep),
      // Agent-facing guidance per action ("[Ask the Oracle] To decide whether …"), quoted in internal notes.
      checks: g.actions.filter((a) => a.button !== 'N/A' && a.text.length > 3).map(check),
    };
  }
  return out;
}

const dir = process.argv[2];
if (!dir) {
  console.error('usage: tsx src/cli/seed/corpus/extract-datasets.ts <datasets dir>');
  process.exit(2);
}
const texts = await banking(dir);
await writeFile(path.join(here, 'banking77-sample.json'), `${JSON.stringify(texts, null, 1)}\n`);
const books = await playbooks(dir);
await writeFile(path.join(here, 'abcd-playbooks.json'), `${JSON.stringify(books, null, 1)}\n`);
console.log(`banking77-sample.json: ${Object.values(texts).flat().length} texts in ${Object.keys(texts).length} intents`);
console.log(`abcd-playbooks.json: ${Object.keys(books).length} playbooks`);
