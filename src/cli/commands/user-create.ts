import { randomBytes } from 'node:crypto';
import { systemClock } from '../../platform/clock.js';
import { AppError } from '../../platform/errors.js';
import { ROLES, type Role } from '../../shared/enums.js';
import { createUser, type CreateUserInput } from '../../domain/users/index.js';
import { createBrand, createWorkspace } from '../../domain/workspace/index.js';
import type { Command } from '../command.js';
import { REMOTE_HELP, REMOTE_OPTIONS, list, parseFlags, required } from '../io/args.js';
import { brandRef, loadDirectory, teamRef } from '../io/directory.js';
import { openTarget, type DbTarget } from '../io/target.js';

/** 24 URL-safe characters from 18 random bytes (144 bits). */
export const generatePassword = () => randomBytes(18).toString('base64url');

interface Created {
  id: string;
  email: string;
  name: string;
  role: string;
  where: string;
}

/** First run on an empty database (e.g. SEED_DEMO=false): the first admin brings the workspace and a brand. */
async function bootstrap(target: DbTarget, input: CreateUserInput, workspaceName: string): Promise<Created> {
  if (input.role !== 'admin') {
    throw new AppError('NO_WORKSPACE', 'This database has no workspace yet: the first user must be an admin (--role admin)', 'precondition');
  }
  if (input.brand_ids?.length || input.team_ids?.length) {
    throw new AppError('NO_WORKSPACE', 'This database has no workspace yet, so --brand and --team cannot name anything', 'precondition');
  }
  const user = await target.db.transaction(async (tx) => {
    const { ctx } = await createWorkspace(tx, systemClock, { name: workspaceName });
    ctx.meta = { channel: 'cli' };
    await createBrand(ctx, { name: workspaceName });
    return createUser(ctx, input);
  });
  return { ...user, where: `in new workspace "${workspaceName}" (with brand "${workspaceName}")` };
}

export const userCreateCommand: Command = {
  name: 'user create',
  summary: 'Create a user (agent, admin, …) in the workspace',
  usage: `switchboard user create --email EMAIL --name NAME --role ROLE [--password PASSWORD] [--brand ID|SLUG …] [--team ID|NAME …]

  --email EMAIL         sign-in email (unique in the workspace)
  --name NAME           display name
  --role ROLE           ${ROLES.join(' | ')}
  --password PASSWORD   at least 10 characters; omitted: a strong one is generated and printed once
  --brand ID|SLUG       limit the user to these brands (repeat or comma-separate; default: all brands)
  --team ID|NAME        add the user to these teams (repeat or comma-separate)
  --workspace NAME      only on an empty database: name of the workspace the first admin creates ("Switchboard")

${REMOTE_HELP}

Examples:
  switchboard user create --email ana@example.com --name "Ana Silva" --role agent --team Payments
  switchboard user create --email lee@example.com --name Lee --role supervisor --brand clipster --password 'long enough pw'`,
  async run(args) {
    const { values } = parseFlags(args, {
      email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, password: { type: 'string' },
      brand: { type: 'string', multiple: true }, team: { type: 'string', multiple: true }, workspace: { type: 'string' },
      ...REMOTE_OPTIONS,
    });
    const email = required(values.email, '--email');
    const name = required(values.name, '--name');
    const role = required(values.role, '--role');
    if (!(ROLES as readonly string[]).includes(role)) {
      throw new AppError('INVALID_ROLE', `Unknown role "${role}": use one of ${ROLES.join(', ')}`);
    }
    const generated = values.password === undefined ? generatePassword() : undefined;
    const password = values.password ?? generated!;
    const brands = list(values.brand);
    const teams = list(values.team);

    const target = await openTarget(values);
    let created: Created;
    try {
      if (target.kind === 'db' && !target.workspace) {
        created = await bootstrap(target, { email, name, role: role as Role, password }, values.workspace?.trim() || 'Switchboard');
      } else {
        const dir = brands.length || teams.length ? await loadDirectory(target) : null;
        const input: CreateUserInput = {
          email, name, role: role as Role, password,
          ...(brands.length ? { brand_ids: brands.map((b) => brandRef(dir!, b)) } : {}),
          ...(teams.length ? { team_ids: teams.map((t) => teamRef(dir!, t)) } : {}),
        };
        if (target.kind === 'http') {
          const out = await target.api.request<Omit<Created, 'where'>>('POST', '/api/v1/users', input);
          created = { ...out.body, where: `through ${target.api.baseUrl}` };
        } else {
          const user = await target.run((ctx) => createUser(ctx, input));
          created = { ...user, where: `in workspace "${target.workspace!.name}"` };
        }
      }
    } finally {
      await target.close();
    }
    console.log(`Created ${created.role} ${created.name} <${created.email}> (${created.id}) ${created.where}.`);
    if (generated) console.log(`Password (shown only once, store it now): ${generated}`);
    return 0;
  },
};
