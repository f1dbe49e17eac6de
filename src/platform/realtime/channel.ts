/** The NOTIFY channel that carries live-update messages to every server process. */
export const REALTIME_CHANNEL = 'sb_realtime';

export interface LiveMessage {
  type: 'ticket.changed';
  workspace_id: string;
  brand_id: string;
  ticket_id: string;
  event: string;
  actor_id: string | null;
  at: string;
}
