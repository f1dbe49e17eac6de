import { findBrand, getOrCreateChatSettings, signIdentityToken } from '../../domain/chat/index.js';
import type { Command } from '../command.js';
import { REMOTE_HELP, REMOTE_OPTIONS, UsageError, parseFlags, required } from '../io/args.js';
import { openTarget } from '../io/target.js';

const identityTokenCommand: Command = {
  name: 'chat identity-token',
  summary: "Sign a chat visitor identity token with a brand's secret (for testing the widget)",
  usage: `switchboard chat identity-token --brand BRAND --sub USER_ID [--email EMAIL] [--name NAME] [--ttl SECONDS]

  --brand BRAND   brand slug or id
  --sub USER_ID   your site's id of the signed-in user
  --email, --name optional claims shown to agents
  --ttl SECONDS   lifetime (default 3600, at most 86400)

Prints the HS256 token alone on stdout. In production your own backend signs it (see docs/chat.md);
this command is for trying the widget as an identified visitor.

${REMOTE_HELP}`,
  async run(args) {
    const { values } = parseFlags(args, {
      brand: { type: 'string' }, sub: { type: 'string' }, email: { type: 'string' }, name: { type: 'string' }, ttl: { type: 'string' }, ...REMOTE_OPTIONS,
    });
    const brand = required(values.brand, '--brand');
    const sub = required(values.sub, '--sub');
    const ttl = Number(values.ttl ?? 3600);
    if (!Number.isInteger(ttl) || ttl < 1 || ttl > 86_400) throw new UsageError('--ttl is 1–86400 seconds');
    const target = await openTarget(values);
    let secret: string;
    try {
      if (target.kind === 'http') {
        const brands = (await target.api.request<{ data: Array<{ id: string; slug: string }> }>('GET', '/api/v1/brands')).body.data;
        const b = brands.find((x) => x.id === brand || x.slug === brand);
        if (!b) throw new UsageError(`No brand ${brand}`);
        secret = (await target.api.request<{ identity_secret: string }>('GET', `/api/v1/chat/settings/${b.id}`)).body.identity_secret;
      } else {
        secret = await target.run(async (ctx) => (await getOrCreateChatSettings(ctx, (await findBrand(ctx.tx, brand)).id)).identity_secret);
      }
    } finally {
      await target.close();
    }
    const iat = Math.floor(Date.now() / 1000);
    console.log(signIdentityToken(secret, { sub, ...(values.email ? { email: values.email } : {}), ...(values.name ? { name: values.name } : {}), iat, exp: iat + ttl }));
    return 0;
  },
};

/** CLI commands of the chat module. */
export const CHAT_COMMANDS: Command[] = [identityTokenCommand];
