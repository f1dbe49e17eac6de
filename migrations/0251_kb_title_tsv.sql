-- KB search: the title's own tsvector, stored, so ranking can boost title matches without re-parsing titles per row.
ALTER TABLE kb_translations ADD COLUMN title_tsv tsvector GENERATED ALWAYS AS (to_tsvector(regconfig, title)) STORED;
