import { useQuery } from '@tanstack/react-query';
import { api } from '../../api-client/client.js';

export interface KbPassage { article_id: string; locale: string; title: string; slug: string; url: string; snippet: string; text: string; score: number; visibility: string; labels: string[] }
export interface KbVersion {
  id: string; article_id: string; locale: string; number: number; state: string; title: string; slug: string; description: string; body_md: string;
  source_version: number | null; restored_from: number | null; author_id: string | null; reviewer_id: string | null; review_note: string | null;
  publish_at: string | null; published_at: string | null; created_at: string; updated_at: string;
}
export interface KbArticle {
  id: string; brand_id: string; section_id: string | null; source_locale: string; visibility: string; segments: string[]; labels: string[];
  owner_id: string | null; review_interval_days: number; review_due_at: string | null; is_promoted: boolean; archived_at: string | null; updated_at: string;
}
export interface KbListItem extends KbArticle { title: string; slug: string | null; state: string; locales: string[]; outdated_locales: string[]; views_30d: number; helpful: number; not_helpful: number }
export interface KbTranslation { locale: string; status: 'source' | 'current' | 'outdated' | 'missing'; slug: string | null; title: string | null; version_number: number | null; open_version: { id: string; number: number; state: string } | null }
export interface KbDetail { article: KbArticle; versions: KbVersion[]; translations: KbTranslation[] }
export interface KbSection { id: string; category_id: string; slug: string; titles: Record<string, string> }
export interface KbCategory { id: string; slug: string; titles: Record<string, string> }
export interface KbAnalytics {
  days: number;
  totals: Record<'views' | 'helpful' | 'not_helpful' | 'searches' | 'zero_result_searches' | 'contact_clicks' | 'tickets_after_article', number>;
  top_articles: Array<{ article_id: string; title: string; views: number; helpful: number; not_helpful: number; contacts: number; contact_rate: number }>;
  zero_result_queries: Array<{ query: string; count: number }>;
  poor_result_queries: Array<{ query: string; count: number; avg_results: number }>;
  falling_helpfulness: Array<{ article_id: string; title: string; before: number; recent: number; votes_recent: number }>;
  content_gaps: Array<{ topic: string; tickets: number; source: string }>;
  recent_comments: Array<{ article_id: string; title: string; is_helpful: boolean; comment: string; created_at: string }>;
}

export const kbKeys = {
  list: (p: object) => ['kb', 'articles', p] as const,
  article: (id: string) => ['kb', 'article', id] as const,
  taxonomy: (brandId: string) => ['kb', 'taxonomy', brandId] as const,
};

export const qs = (p: Record<string, string | number | undefined>) => {
  const s = new URLSearchParams(Object.entries(p).filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => [k, String(v)])).toString();
  return s ? `?${s}` : '';
};

export function useKbArticles(p: { brand_id?: string; state?: string; q?: string }) {
  return useQuery({ queryKey: kbKeys.list(p), queryFn: ({ signal }) => api.get<{ data: KbListItem[] }>(`/api/v1/kb/articles${qs(p)}`, signal) });
}

export function useKbArticle(id: string) {
  return useQuery({ queryKey: kbKeys.article(id), queryFn: ({ signal }) => api.get<KbDetail>(`/api/v1/kb/articles/${id}`, signal) });
}

export function useKbTaxonomy(brandId: string | undefined) {
  return useQuery({
    queryKey: kbKeys.taxonomy(brandId ?? ''), enabled: Boolean(brandId),
    queryFn: ({ signal }) => api.get<{ categories: KbCategory[]; sections: KbSection[] }>(`/api/v1/kb/brands/${brandId}/taxonomy`, signal),
  });
}

export const STATE_LABEL: Record<string, string> = {
  draft: 'Draft', in_review: 'In review', changes_requested: 'Changes requested', approved: 'Approved', scheduled: 'Scheduled', published: 'Published', superseded: 'Superseded',
};
