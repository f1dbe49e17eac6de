/** What the assistant needs from the server: languages, optional LLM phrasing, chat hook. */
import { converse, llmPhraser, type ConverseEnv } from '../../domain/assistant/index.js';
import { registerChatResponder } from '../../domain/chat/index.js';
import { systemActor } from '../../domain/kernel/index.js';
import type { ServerDeps } from '../deps.js';

const FALLBACK = "I'm handing you over to a colleague from our support team; they will answer here shortly.";

/**
 * SCA codes of payment-sensitive steps are the compliance module's (createScaChallenge…): they are e-mailed by
 * the sender `wireComplianceMail` installs (SMTP_OUTBOUND_URL); tests capture them with its `setScaCodeSender`.
 */
export function assistantEnv(deps: ServerDeps): ConverseEnv {
  const c = deps.config;
  return {
    // without outbound e-mail no code can reach the customer: payment steps hand off at once
    scaCodesDeliverable: Boolean(c.SMTP_OUTBOUND_URL),
    supportedLanguages: c.ASSISTANT_LANGUAGES.split(','),
    phrase: c.LLM_BASE_URL && c.LLM_MODEL && c.LLM_API_KEY ? llmPhraser({ baseUrl: c.LLM_BASE_URL, model: c.LLM_MODEL, apiKey: c.LLM_API_KEY }) : undefined,
  };
}

/**
 * The assistant answers first in the chat widget: each visitor line goes through `converse` (conversation
 * keyed by the chat session); its replies are posted as one bot line, with handoff when it hands over.
 * SCA codes go only to the e-mail of a session whose identity the site vouched for (identity token).
 */
export function registerAssistantChat(deps: ServerDeps, env: ConverseEnv): void {
  registerChatResponder({
    name: 'Assistant',
    async respond({ session, line }) {
      let r;
      try {
        r = await deps.db.transaction((tx) =>
        converse({ actor: systemActor(session.workspace_id), tx, clock: deps.clock, meta: { channel: 'chat' } }, {
          external_ref: `chat:${session.id}`, brand_id: session.brand_id, channel: 'chat', ticket_id: session.ticket_id ?? undefined,
          customer_email: session.external_user_id && session.email ? session.email : undefined, customer_name: session.name ?? undefined, text: line.body,
        }, env),
        );
      } catch (e) {
        // never leave the visitor without an answer: a failing assistant hands the chat to the agents
        deps.log.error({ err: e, session: session.id }, 'assistant failed to answer a chat line');
        return { body: FALLBACK, handoff: true };
      }
      if (!r.replies.length) return null;
      return { body: r.replies.join('\n\n'), handoff: r.handoff !== null };
    },
  });
}
