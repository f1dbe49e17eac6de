import { invalid } from '../../platform/errors.js';
import type { RuleAction } from '../../shared/contracts/automations.js';
import type { Ctx } from '../kernel/index.js';
import { checkTemplate } from './template.js';

/** Check references (teams, users, webhooks, fields) and reply templates before a rule or macro is saved. */
export async function validateActions(ctx: Ctx, actions: readonly RuleAction[], opts: { allowReplies: boolean; path?: string }): Promise<void> {
  const path = opts.path ?? 'actions';
  const ws = ctx.actor.workspaceId;
  for (const [i, a] of actions.entries()) {
    const p = `${path}[${i}]`;
    const fail = (code: string, message: string) => {
      throw invalid(code, `${p}: ${message}`, { errors: [{ path: p, message }] });
    };
    switch (a.type) {
      case 'set_team':
        if (a.value && !(await ctx.tx.maybeOne('SELECT 1 FROM teams WHERE id = $1 AND workspace_id = $2', [a.value, ws]))) fail('UNKNOWN_TEAM', `no team ${a.value}`);
        break;
      case 'set_assignee':
        if (a.value && !(await ctx.tx.maybeOne('SELECT 1 FROM users WHERE id = $1 AND workspace_id = $2', [a.value, ws]))) fail('UNKNOWN_USER', `no user ${a.value}`);
        break;
      case 'set_field':
        if (!(await ctx.tx.maybeOne('SELECT 1 FROM custom_fields WHERE key = $1 AND workspace_id = $2', [a.key, ws]))) fail('UNKNOWN_FIELD', `no custom field "${a.key}"`);
        break;
      case 'notify_webhook':
        if (!opts.allowReplies) fail('ACTION_NOT_ALLOWED', 'a macro cannot notify a webhook');
        if (!(await ctx.tx.maybeOne('SELECT 1 FROM webhooks WHERE id = $1 AND workspace_id = $2', [a.webhook_id, ws]))) fail('UNKNOWN_WEBHOOK', `no webhook ${a.webhook_id}`);
        break;
      case 'send_reply':
        if (!opts.allowReplies) fail('ACTION_NOT_ALLOWED', 'a macro sends its reply through "replies", not an action');
        for (const [lang, body] of Object.entries(a.bodies)) checkTemplate(body, `${p}.bodies.${lang}`);
        break;
      case 'add_note':
        checkTemplate(a.body, `${p}.body`);
        break;
      default:
        break;
    }
  }
}
