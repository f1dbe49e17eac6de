import type { FastifyInstance } from 'fastify';
import type { ServerDeps } from '../deps.js';
import { registerComplianceCaseRoutes } from './compliance-cases.js';
import { registerComplianceDsaRoutes } from './compliance-dsa.js';
import { registerComplianceGdprRoutes } from './compliance-gdpr.js';
import { registerComplianceOpsRoutes } from './compliance-ops.js';
import { registerCompliancePsd2Routes } from './compliance-psd2.js';
import { registerCompliancePrivacyRoutes } from './compliance-privacy.js';
import { registerComplianceProcessorRoutes } from './compliance-processors.js';

/** HTTP routes of the compliance module. */
export function registerComplianceRoutes(app: FastifyInstance, deps: ServerDeps): void {
  registerCompliancePrivacyRoutes(app, deps);
  registerComplianceCaseRoutes(app, deps);
  registerComplianceGdprRoutes(app, deps);
  registerCompliancePsd2Routes(app, deps);
  registerComplianceOpsRoutes(app, deps);
  registerComplianceProcessorRoutes(app, deps);
  registerComplianceDsaRoutes(app, deps);
}
