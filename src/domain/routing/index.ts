/** Routing: presence, skills, capacity, per-team routing, the queue, and the priority score. */
export { PRESENCE, ROUTING_METHODS, SKILL_KINDS, ANY_CHANNEL, normaliseSkill, requiredSkills, type Presence, type RoutingMethod } from './routing.js';
export { setPresence } from './commands/set-presence.js';
export { updateAgentRouting, type AgentRoutingInput } from './commands/update-agent-routing.js';
export { updateTeamRouting, DEFAULT_TEAM_ROUTING, type TeamRouting, type TeamRoutingInput } from './commands/update-team-routing.js';
export { drainTeamQueue, type RoutedTicket } from './commands/drain-team-queue.js';
export { routeTicket, routeForAgent, requeueTeam, drainTeams, sweepRoutingQueues } from './commands/run-routing.js';
export { listRoutingAgents, listOnlineAgents, isAnyAgentOnline, type AgentRow, type PresenceQuery } from './queries/agents.js';
export { listTeamRouting, listRoutingQueue } from './queries/teams.js';
export { computePriorityScore, WEIGHTS as PRIORITY_WEIGHTS, type PriorityScore, type ScoreComponent } from './priority/score.js';
export { listTicketsByPriority, getPriorityScores, PRIORITY_CANDIDATES_MAX, type ScoredTicket, type PriorityFilter } from './priority/list-by-priority.js';
