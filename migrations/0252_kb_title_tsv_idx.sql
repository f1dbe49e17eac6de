-- KB search ranks title matches first (bounded candidate sets): index the stored title tsvector.
CREATE INDEX kb_translations_title_tsv_idx ON kb_translations USING gin (title_tsv);
