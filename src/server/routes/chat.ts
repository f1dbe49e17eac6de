import type { FastifyInstance } from 'fastify';
import type { ServerDeps } from '../deps.js';
import { ChatHub } from './chat-hub.js';
import { PresenceTracker, registerChatAgentRoutes } from './chat-agent.js';
import { registerWebFormRoutes } from './chat-form.js';
import { registerWidgetRoutes } from './chat-widget.js';
import { registerWidgetSocket } from './chat-widget-socket.js';

/**
 * HTTP routes of the chat module: the public widget API (/widget.js, /widget/v1/*: CORS, visitor token, no
 * cookies), the public web form (/support/new), and the agents' chat API (/api/v1/chat/*).
 */
export async function registerChatRoutes(app: FastifyInstance, deps: ServerDeps): Promise<void> {
  const hub = new ChatHub(deps.db, deps.log.child({ component: 'chat' }));
  const presence = new PresenceTracker(deps);
  await hub.start();
  presence.start();
  app.addHook('onClose', async () => {
    await hub.stop();
    await presence.stop();
  });
  app.decorate('chatHub', hub);
  registerWidgetRoutes(app, deps);
  registerWidgetSocket(app, deps, hub);
  registerChatAgentRoutes(app, deps, hub, presence);
  registerWebFormRoutes(app, deps);
}
