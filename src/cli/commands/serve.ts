import { loadConfig } from '../../platform/config.js';
import { startServer } from '../../server/start.js';
import type { Command } from '../command.js';
import { ensureDemoWorkspace } from '../seed/ensure-demo.js';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Run the web app, API and worker (seeds the demo workspace on first start)',
  usage: `switchboard serve

Environment: PORT (3000), HOST (127.0.0.1), DATA_DIR (./data), DATABASE_URL, SEED_DEMO (true), RUN_WORKER (true), LOG_LEVEL.`,
  async run() {
    const config = loadConfig();
    let demo: Awaited<ReturnType<typeof ensureDemoWorkspace>> = null;
    const server = await startServer(config, {
      onReady: async (db) => {
        if (config.SEED_DEMO) demo = await ensureDemoWorkspace(db, (m) => console.log(m));
      },
    });
    const shutdown = async (sig: string) => {
      server.log.info({ sig }, 'shutting down');
      await server.close();
      process.exit(0);
    };
    process.once('SIGINT', () => void shutdown('SIGINT'));
    process.once('SIGTERM', () => void shutdown('SIGTERM'));
    const d = demo as Awaited<ReturnType<typeof ensureDemoWorkspace>>;
    console.log(`\nSwitchboard is running at ${server.url}  (database: ${server.db.kind}${config.DATABASE_URL ? '' : `, data in ${config.DATA_DIR}`})`);
    if (d) console.log(`Demo workspace "${d.workspaceName}" — sign in as ${d.adminEmail} / ${d.adminPassword}`);
    console.log(`API reference: ${server.url}/api/docs\n`);
    return -1;
  },
};
