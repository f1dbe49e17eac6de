-- Knowledge base and public Help Center (module kb).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Help Center settings per brand (theme, locales). Absent row = defaults (English only, neutral theme).
CREATE TABLE kb_brand_settings (
  brand_id text PRIMARY KEY REFERENCES brands(id),
  workspace_id text NOT NULL REFERENCES workspaces(id),
  default_locale text NOT NULL DEFAULT 'en',
  locales text[] NOT NULL DEFAULT '{en}',
  title text NOT NULL DEFAULT '',
  tagline text NOT NULL DEFAULT '',
  primary_color text NOT NULL DEFAULT '#1f4fd1',
  accent_color text NOT NULL DEFAULT '#0b7a53',
  logo_file_id text,
  is_enabled boolean NOT NULL DEFAULT true,
  updated_at timestamptz NOT NULL
);

CREATE TABLE kb_categories (
  id text PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspaces(id),
  brand_id text NOT NULL REFERENCES brands(id),
  slug text NOT NULL,
  titles jsonb NOT NULL DEFAULT '{}',        -- { "en": "Payments", "de": "Zahlungen" }
  descriptions jsonb NOT NULL DEFAULT '{}',
  position integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL,
  UNIQUE (brand_id, slug)
);

CREATE TABLE kb_sections (
  id text PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspaces(id),
  brand_id text NOT NULL REFERENCES brands(id),
  category_id text NOT NULL REFERENCES kb_categories(id) ON DELETE CASCADE,
  slug text NOT NULL,
  titles jsonb NOT NULL DEFAULT '{}',
  position integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL,
  UNIQUE (brand_id, slug)
);
CREATE INDEX kb_sections_category_idx ON kb_sections (category_id, position);

CREATE TABLE kb_articles (
  id text PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspaces(id),
  brand_id text NOT NULL REFERENCES brands(id),
  section_id text REFERENCES kb_sections(id) ON DELETE SET NULL,
  source_locale text NOT NULL,
  visibility text NOT NULL CHECK (visibility IN ('public','internal','restricted')),
  segments text[] NOT NULL DEFAULT '{}',      -- restricted: customer segments (e.g. tier 'vip', 'creator') that may read it
  labels text[] NOT NULL DEFAULT '{}',
  owner_id text REFERENCES users(id),
  review_interval_days integer NOT NULL DEFAULT 90 CHECK (review_interval_days BETWEEN 1 AND 3650),
  review_due_at timestamptz,
  review_reminded_at timestamptz,
  position integer NOT NULL DEFAULT 0,
  is_promoted boolean NOT NULL DEFAULT false,
  external_id text,
  archived_at timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX kb_articles_brand_idx ON kb_articles (brand_id, section_id, position);
CREATE INDEX kb_articles_review_idx ON kb_articles (review_due_at) WHERE archived_at IS NULL;
CREATE INDEX kb_articles_labels_idx ON kb_articles USING gin (labels);
CREATE UNIQUE INDEX kb_articles_external_uq ON kb_articles (brand_id, external_id) WHERE external_id IS NOT NULL;

-- Every edit is a version of one locale of an article: draft → in_review → approved → (scheduled) → published;
-- a newer publish supersedes the old one; "changes_requested" sends it back to its author.
CREATE TABLE kb_versions (
  id text PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspaces(id),
  article_id text NOT NULL REFERENCES kb_articles(id) ON DELETE CASCADE,
  locale text NOT NULL,
  number integer NOT NULL,
  state text NOT NULL CHECK (state IN ('draft','in_review','changes_requested','approved','scheduled','published','superseded')),
  title text NOT NULL,
  slug text NOT NULL,
  description text NOT NULL DEFAULT '',
  body_md text NOT NULL,
  source_version integer,                    -- translations: the source-locale version this was translated from
  restored_from integer,
  author_id text,
  reviewer_id text,
  review_note text,
  publish_at timestamptz,
  published_at timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  UNIQUE (article_id, locale, number)
);
CREATE INDEX kb_versions_scheduled_idx ON kb_versions (publish_at) WHERE state = 'scheduled';

-- The published form of each (article, locale): what the Help Center renders and search reads.
CREATE TABLE kb_translations (
  article_id text NOT NULL REFERENCES kb_articles(id) ON DELETE CASCADE,
  locale text NOT NULL,
  workspace_id text NOT NULL,
  brand_id text NOT NULL,
  version_id text NOT NULL,
  version_number integer NOT NULL,
  source_version integer,
  slug text NOT NULL,
  title text NOT NULL,
  description text NOT NULL DEFAULT '',
  body_html text NOT NULL,
  body_text text NOT NULL,                   -- plain text (no markup) for snippets and the assistant
  headings text NOT NULL DEFAULT '',
  regconfig regconfig NOT NULL,
  published_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  search tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector(regconfig, title), 'A') ||
    setweight(to_tsvector('simple'::regconfig, title), 'A') ||
    setweight(to_tsvector(regconfig, headings), 'B') ||
    setweight(to_tsvector(regconfig, left(body_text, 20000)), 'C')
  ) STORED,
  PRIMARY KEY (article_id, locale),
  UNIQUE (brand_id, locale, slug)
);
CREATE INDEX kb_translations_search_idx ON kb_translations USING gin (search);
CREATE INDEX kb_translations_brand_idx ON kb_translations (brand_id, locale);
CREATE INDEX kb_translations_title_trgm_idx ON kb_translations USING gin (title gin_trgm_ops);

-- Old slugs and hand-made redirects: from_slug → to_slug within one brand and locale (answered with 301).
CREATE TABLE kb_redirects (
  brand_id text NOT NULL REFERENCES brands(id),
  locale text NOT NULL,
  from_slug text NOT NULL,
  to_slug text NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (brand_id, locale, from_slug),
  CHECK (from_slug <> to_slug)
);

-- Distinct words of published articles per brand and locale: the dictionary for typo correction (pg_trgm).
CREATE TABLE kb_words (
  brand_id text NOT NULL,
  locale text NOT NULL,
  word text NOT NULL,
  PRIMARY KEY (brand_id, locale, word)
);
CREATE INDEX kb_words_trgm_idx ON kb_words USING gin (word gin_trgm_ops);

CREATE TABLE kb_synonyms (
  id text PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspaces(id),
  brand_id text NOT NULL REFERENCES brands(id),
  terms text[] NOT NULL,                     -- one group of equivalent terms, lower case
  created_at timestamptz NOT NULL
);
CREATE INDEX kb_synonyms_brand_idx ON kb_synonyms (brand_id);

-- Images and attachments: bytes in the content-addressed FileStore, metadata here.
CREATE TABLE kb_files (
  id text PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspaces(id),
  brand_id text NOT NULL REFERENCES brands(id),
  filename text NOT NULL,
  content_type text NOT NULL,
  size_bytes integer NOT NULL,
  sha256 text NOT NULL,
  uploaded_by text,
  created_at timestamptz NOT NULL
);

-- Measurement. Views and votes are per article (and locale); searches keep the normalised query.
CREATE TABLE kb_views (
  article_id text NOT NULL REFERENCES kb_articles(id) ON DELETE CASCADE,
  locale text NOT NULL,
  day date NOT NULL,
  views integer NOT NULL DEFAULT 0,
  PRIMARY KEY (article_id, locale, day)
);

CREATE TABLE kb_votes (
  id text PRIMARY KEY,
  article_id text NOT NULL REFERENCES kb_articles(id) ON DELETE CASCADE,
  brand_id text NOT NULL,
  locale text NOT NULL,
  is_helpful boolean NOT NULL,
  comment text,
  visitor text,
  created_at timestamptz NOT NULL
);
CREATE INDEX kb_votes_article_idx ON kb_votes (article_id, created_at);

CREATE TABLE kb_searches (
  id text PRIMARY KEY,
  brand_id text NOT NULL,
  locale text NOT NULL,
  query text NOT NULL,
  results integer NOT NULL,
  top_score real,
  audience text NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX kb_searches_brand_idx ON kb_searches (brand_id, created_at);

-- "Contact us" after reading an article (deflection failed) and tickets linked to an article.
CREATE TABLE kb_contacts (
  id text PRIMARY KEY,
  brand_id text NOT NULL,
  article_id text REFERENCES kb_articles(id) ON DELETE SET NULL,
  query text,
  ticket_id text,
  kind text NOT NULL CHECK (kind IN ('contact_click','ticket_created')),
  created_at timestamptz NOT NULL
);
CREATE INDEX kb_contacts_brand_idx ON kb_contacts (brand_id, created_at);
