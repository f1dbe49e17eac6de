export type { Customer, Identity, Organization } from './customer.js';
export { normaliseIdentity } from './customer.js';
export { loadCustomer, loadOrganization, identitiesOf } from './customer.repo.js';
export { resolveRequester, type ResolveRequesterInput } from './commands/resolve-requester.js';
