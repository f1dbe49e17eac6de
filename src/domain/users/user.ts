import type { Role } from '../../shared/enums.js';

export interface User {
  id: string;
  workspace_id: string;
  email: string;
  name: string;
  role: Role;
  brand_ids: string[];
  is_active: boolean;
  last_login_at: Date | null;
  locked_until: Date | null;
  created_at: Date;
  updated_at: Date;
}

export const USER_COLUMNS = 'id, workspace_id, email, name, role, brand_ids, is_active, last_login_at, locked_until, created_at, updated_at';
