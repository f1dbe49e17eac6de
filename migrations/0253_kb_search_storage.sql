-- KB search speed.
-- 1. Keep the ranking columns in the heap: a translation row (~4 KB) exceeds the TOAST threshold, and
--    PostgreSQL moved the largest column — the `search` tsvector — out of line, so every match test and
--    rank read TOAST chunks (≈ 3 extra page reads per candidate). The tsvectors are now MAIN (compressed
--    inline, out of line only as a last resort) and the bodies EXTERNAL (moved out first; only read for the
--    final top k rows' snippets). The UPDATE rewrites existing rows with the new layout.
ALTER TABLE kb_translations
  ALTER COLUMN search SET STORAGE MAIN,
  ALTER COLUMN title_tsv SET STORAGE MAIN,
  ALTER COLUMN body_html SET STORAGE EXTERNAL,
  ALTER COLUMN body_text SET STORAGE EXTERNAL;
UPDATE kb_translations SET updated_at = updated_at;

-- 2. Fuzzy title stage: most similar titles first by word distance (`<<->`), answered by a GiST KNN scan.
CREATE INDEX kb_translations_title_trgm_gist_idx ON kb_translations USING gist (title gist_trgm_ops);

-- 3. No GIN pending lists on the search indexes: with fastupdate (the default) new entries are appended to
--    an unsorted pending list that every search scans linearly until (auto)vacuum merges it — after a bulk
--    import or a busy publishing day searches were 3–5x slower. A Help Center is read far more than it is
--    written, so inserts pay the index update at once instead.
ALTER INDEX kb_translations_search_idx SET (fastupdate = off);
ALTER INDEX kb_translations_title_tsv_idx SET (fastupdate = off);
ALTER INDEX kb_translations_title_trgm_idx SET (fastupdate = off);
ALTER INDEX kb_words_trgm_idx SET (fastupdate = off);
SELECT gin_clean_pending_list(i::regclass) FROM unnest(ARRAY['kb_translations_search_idx', 'kb_translations_title_tsv_idx', 'kb_translations_title_trgm_idx', 'kb_words_trgm_idx']) AS i;
