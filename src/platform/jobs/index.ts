export { defineJob, type AnyJobDef, type JobDef, type JobEnv } from './define-job.js';
export { JobQueue, type QueueOptions, type SendOptions } from './job-queue.js';
export { sendJob, setActiveJobQueue } from './send-job.js';
