import type { Tx } from '../../platform/db/index.js';
import { listOnlineAgents } from '../routing/index.js';

/**
 * "Is an agent online for this brand?" — the widget asks for an email and the conversation is marked offline
 * when none is. The default counts the union of (a) agents connected to a live stream (the agent web app's
 * /api/v1/stream or a chat panel), recorded per server process in chat_agent_presence, and (b) agents whose
 * routing presence is 'online' with room for one more chat (routing module). Swap with {@link setAgentPresence}.
 */
export interface AgentPresence {
  agentsOnline(tx: Tx, workspaceId: string, brandId: string, now: Date): Promise<number>;
}

/** A process that has not refreshed its rows for this long is considered gone. */
export const PRESENCE_TTL_MS = 90_000;

export const connectedAgentsPresence: AgentPresence = {
  async agentsOnline(tx, workspaceId, brandId, now) {
    const rows = await tx.query<{ user_id: string }>(
      `SELECT DISTINCT user_id FROM chat_agent_presence
        WHERE workspace_id = $1 AND connections > 0 AND seen_at > $2 AND (cardinality(brand_ids) = 0 OR $3 = ANY(brand_ids))`,
      [workspaceId, new Date(now.getTime() - PRESENCE_TTL_MS), brandId],
    );
    const routed = await listOnlineAgents(tx, { workspaceId, brandId, channel: 'chat' });
    return new Set([...rows.map((r) => r.user_id), ...routed.map((r) => r.user_id)]).size;
  },
};

let presence: AgentPresence = connectedAgentsPresence;

export function setAgentPresence(p: AgentPresence): void {
  presence = p;
}

export function agentsOnline(tx: Tx, workspaceId: string, brandId: string, now: Date): Promise<number> {
  return presence.agentsOnline(tx, workspaceId, brandId, now);
}

/** Bookkeeping for the default presence: this node's connection count of one agent (0 removes the row). */
export async function recordAgentConnections(
  tx: Tx, nodeId: string, agent: { id: string; workspaceId: string; brandIds: string[] }, connections: number, now: Date,
): Promise<void> {
  if (connections <= 0) {
    await tx.query('DELETE FROM chat_agent_presence WHERE node_id = $1 AND user_id = $2', [nodeId, agent.id]);
    return;
  }
  await tx.query(
    `INSERT INTO chat_agent_presence (node_id, user_id, workspace_id, brand_ids, connections, seen_at) VALUES ($1,$2,$3,$4,$5,$6)
     ON CONFLICT (node_id, user_id) DO UPDATE SET connections = EXCLUDED.connections, brand_ids = EXCLUDED.brand_ids, seen_at = EXCLUDED.seen_at`,
    [nodeId, agent.id, agent.workspaceId, agent.brandIds, connections, now],
  );
}

/** Heartbeat: keep this node's rows alive (and drop rows of nodes that died long ago). */
export async function refreshPresence(tx: Tx, nodeId: string, now: Date): Promise<void> {
  await tx.query('UPDATE chat_agent_presence SET seen_at = $2 WHERE node_id = $1', [nodeId, now]);
  await tx.query('DELETE FROM chat_agent_presence WHERE seen_at < $1', [new Date(now.getTime() - 10 * PRESENCE_TTL_MS)]);
}
