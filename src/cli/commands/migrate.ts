import { loadConfig } from '../../platform/config.js';
import { migrate } from '../../platform/db/index.js';
import type { Command } from '../command.js';
import { openCliDb } from '../open-db.js';

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'Apply pending database migrations',
  usage: 'switchboard migrate\n\nApplies migrations/NNNN_*.sql in order (idempotent; safe to run with other starters on PostgreSQL).',
  async run() {
    const config = loadConfig();
    const { db, release } = await openCliDb(config);
    try {
      const applied = await migrate(db);
      console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'Database is up to date.');
      return 0;
    } finally {
      await db.close();
      await release();
    }
  },
};
