import { loadConfig } from '../../platform/config.js';
import { migrate } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors.js';
import type { Command } from '../command.js';
import { openCliDb } from '../open-db.js';
import { DEMO_PASSWORD, ensureDemoWorkspace, STAFF } from '../seed/ensure-demo.js';

export const seedCommand: Command = {
  name: 'seed',
  summary: 'Create the demo workspace (Clipster: 2 brands, 9 staff, ~300 customers, ~2,000 tickets)',
  usage: `switchboard seed --demo

Seeds the demo workspace "Clipster Support (DEMO)" into an empty database: two brands, four teams,
nine staff users (every role), ~300 customers, ~2,000 tickets with conversations and history over
the last 90 days. Runs the migrations first. Does nothing if the database already has a workspace
("already seeded"). \`serve\` does the same on its first start unless SEED_DEMO=false.

All demo users sign in with the password "${DEMO_PASSWORD}" (see docs/demo.md).

Options:
  --demo     seed the demo workspace (required)
  --help     show this help

Environment: DATA_DIR (embedded database; stop a running server first), DATABASE_URL (PostgreSQL).`,
  async run(args) {
    const unknown = args.filter((a) => a !== '--demo');
    if (unknown.length) {
      console.error(`Unknown option ${unknown.map((a) => `"${a}"`).join(', ')}. Run "switchboard seed --help".`);
      return 2;
    }
    if (!args.includes('--demo')) {
      console.error('Nothing to seed: pass --demo to create the demo workspace. Run "switchboard seed --help".');
      return 2;
    }
    const config = loadConfig();
    let opened: Awaited<ReturnType<typeof openCliDb>>;
    try {
      opened = await openCliDb(config);
    } catch (e) {
      if (e instanceof AppError && e.code === 'DATA_DIR_LOCKED') {
        console.error(`${e.message}\nA running server seeds the demo itself on its first start (SEED_DEMO=true), so there is nothing to do while it runs.`);
        return 1;
      }
      throw e;
    }
    const { db, release } = opened;
    try {
      await migrate(db);
      const demo = await ensureDemoWorkspace(db, (m) => console.log(m));
      if (!demo) {
        console.log('The database already holds a workspace that is not the demo; the demo is only seeded into an empty database. Nothing to do.');
        return 0;
      }
      if (!demo.counts) console.log(`Already seeded: the demo workspace "${demo.workspaceName}" exists. Nothing to do.`);
      console.log(`\nSign in as ${demo.adminEmail} / ${demo.adminPassword}. Other demo users (same password):`);
      for (const s of STAFF.filter((x) => x.email !== demo.adminEmail)) console.log(`  ${s.email.padEnd(34)} ${s.role.padEnd(12)} ${s.title}`);
      return 0;
    } finally {
      await db.close();
      await release();
    }
  },
};
