/** Problems / incidents: many tickets, one cause; updates fanned out to customers; external tracker links. */
export type { Problem, TrackerLink } from './problem.js';
export { createProblem, linkTickets, unlinkTicket } from './commands/manage-problem.js';
export { postProblemUpdate, solveProblem, type FanOutResult } from './commands/fan-out.js';
export {
  createTrackerIntegration, linkTracker, applyTrackerWebhook, signTrackerPayload, verifyTrackerSignature, SIGNATURE_TOLERANCE_S, type TrackerWebhook,
} from './commands/trackers.js';
export { listProblems, getProblem, problemOfTicket, listTrackerIntegrations, type ProblemDetail } from './queries.js';
