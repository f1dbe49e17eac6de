export type { Workspace, Brand, Team } from './workspace.js';
export { createWorkspace, firstWorkspace } from './commands/create-workspace.js';
export { createBrand, updateBrand, listBrands } from './commands/brands.js';
export { createTeam, updateTeam, listTeams } from './commands/teams.js';
