export type { User } from './user.js';
export { USER_COLUMNS } from './user.js';
export { hashPassword } from './passwords.js';
export { createUser, type CreateUserInput } from './commands/create-user.js';
export { updateUser, type UpdateUserInput } from './commands/update-user.js';
export { logIn, logOut, type LogInResult, type LogInDeps } from './commands/log-in.js';
export { createApiToken, listApiTokens, revokeApiToken, type ApiToken } from './commands/api-tokens.js';
export { resolveSession, resolveApiToken } from './queries/resolve-credentials.js';
export { listUsers, getUser, type UserWithTeams } from './queries/list-users.js';
