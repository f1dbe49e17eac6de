import type { ChatLine, ChatSession } from './chat.js';

/**
 * The place for a bot participant (the assistant answers first in the widget). A responder is called after
 * every visitor message has been committed; what it returns is posted to the conversation as a line with
 * author kind 'bot' (stored as a public message with author_type 'system' on the ticket, so agents see it in
 * the normal ticket page). Returning null leaves the conversation to the agents.
 *
 *   registerChatResponder({ name: 'assistant', respond: async ({ line }) => ({ body: `You said: ${line.body}` }) });
 *
 * `handoff: true` tells the widget (and the agents) that the bot is handing over to a human.
 */
export interface ChatResponderInput {
  session: ChatSession;
  /** The visitor's message that triggered the call. */
  line: ChatLine;
  /** Recent lines of the conversation, oldest first (at most 20, including `line`); read on first call. */
  history: () => Promise<ChatLine[]>;
  /** Agents who could take the chat now; read on first call. */
  agentsOnline: () => Promise<number>;
}

export interface ChatBotReply {
  body: string;
  handoff?: boolean;
}

export interface ChatResponder {
  /** Shown to the visitor as the author name of the bot's lines. */
  name: string;
  respond(input: ChatResponderInput): Promise<ChatBotReply | null>;
}

let current: ChatResponder | null = null;

/** Install (or with null remove) the process-wide responder. One at a time; the last registration wins. */
export function registerChatResponder(r: ChatResponder | null): void {
  current = r;
}

export function chatResponder(): ChatResponder | null {
  return current;
}
