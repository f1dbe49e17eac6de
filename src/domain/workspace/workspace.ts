export interface Workspace { id: string; name: string; is_demo: boolean; created_at: Date }
export interface Brand { id: string; workspace_id: string; name: string; slug: string; support_email: string | null; created_at: Date }
export interface Team { id: string; workspace_id: string; name: string; description: string; created_at: Date; member_ids?: string[] }

export const BRAND_COLUMNS = 'id, workspace_id, name, slug, support_email, created_at';
export const TEAM_COLUMNS = 'id, workspace_id, name, description, created_at';

export function slugify(name: string): string {
  return name.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'brand';
}
