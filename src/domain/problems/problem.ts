export interface Problem {
  id: string;
  workspace_id: string;
  title: string;
  description: string;
  status: 'open' | 'solved';
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
  solved_at: Date | null;
}

export const PROBLEM_COLUMNS = 'id, workspace_id, title, description, status, created_by, created_at, updated_at, solved_at';

export interface TrackerLink {
  id: string;
  problem_id: string;
  integration_id: string;
  external_key: string;
  url: string;
  status: string;
  updated_at: Date;
}
