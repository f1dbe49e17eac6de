import { createApiToken } from '../../domain/users/index.js';
import type { Command } from '../command.js';
import { REMOTE_HELP, REMOTE_OPTIONS, parseFlags, required } from '../io/args.js';
import { loadDirectory, userRef } from '../io/directory.js';
import { openTarget } from '../io/target.js';

export const tokenCreateCommand: Command = {
  name: 'token create',
  summary: 'Create an API token for a user and print it (once)',
  usage: `switchboard token create --email EMAIL [--name NAME]

  --email EMAIL   the user the token acts as (it has that user's role and brands)
  --name NAME     a label for the token ("CLI token")

The token is printed alone on stdout (so it can be captured), details go to stderr. It is stored
hashed: it cannot be shown again. Revoke it in Admin → API tokens.

${REMOTE_HELP}

Examples:
  switchboard token create --email admin@demo.switchboard.test --name "nightly export"
  export SWITCHBOARD_TOKEN=$(switchboard token create --email admin@demo.switchboard.test)`,
  async run(args) {
    const { values } = parseFlags(args, { email: { type: 'string' }, name: { type: 'string' }, ...REMOTE_OPTIONS });
    const email = required(values.email, '--email');
    const name = values.name?.trim() || 'CLI token';
    const target = await openTarget(values);
    let out: { token: string; id: string; prefix: string };
    try {
      const userId = userRef(await loadDirectory(target), email);
      if (target.kind === 'http') {
        out = (await target.api.request<{ token: string; id: string; prefix: string }>('POST', '/api/v1/api_tokens', { name, user_id: userId })).body;
      } else {
        const created = await target.run((ctx) => createApiToken(ctx, { name, user_id: userId }));
        out = { token: created.token, id: created.record.id, prefix: created.record.prefix };
      }
    } finally {
      await target.close();
    }
    console.error(`Created API token "${name}" (${out.id}, ${out.prefix}…) for ${email}. It is shown only this once:`);
    console.log(out.token);
    return 0;
  },
};
