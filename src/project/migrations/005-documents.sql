-- Verkan project file, schema 5: documents kept inside the project file,
-- their text for full-text search, evidence links to logic-model cards,
-- and the report's appendices.
--
-- The bytes are content-addressed: the same file added twice is stored
-- once.  They are written in parts through SQLite's incremental blob I/O
-- (a part at most 64 MiB), so no file ever sits whole in memory and files
-- larger than SQLite's 1 GB value limit still fit.  Bytes and text are not
-- undoable edits: they stay while any document row (or the undo history)
-- may refer to them.

CREATE TABLE blob (
  hash      TEXT PRIMARY KEY,             -- SHA-256, lower-case hex
  size      INTEGER NOT NULL,
  n_parts   INTEGER NOT NULL,
  complete  INTEGER NOT NULL DEFAULT 0 CHECK (complete IN (0, 1))
) WITHOUT ROWID;

CREATE TABLE blob_part (
  hash  TEXT NOT NULL REFERENCES blob (hash),
  part  INTEGER NOT NULL,
  data  BLOB NOT NULL,
  PRIMARY KEY (hash, part)
);

-- The text extracted from the bytes, once per hash, with the document's
-- own title and author (PDF/ODT/DOCX metadata), so that adding the same
-- bytes again can default to them without reading the file twice.
CREATE TABLE blob_text (
  hash     TEXT PRIMARY KEY REFERENCES blob (hash),
  text     TEXT NOT NULL DEFAULT '',
  n_pages  INTEGER NOT NULL DEFAULT 0,
  title    TEXT,
  author   TEXT,
  status   TEXT NOT NULL DEFAULT 'ok' CHECK (status IN ('ok', 'no-text', 'unreadable'))
) WITHOUT ROWID;

CREATE TABLE document (
  id            INTEGER PRIMARY KEY,
  uuid          TEXT NOT NULL UNIQUE,
  position      INTEGER NOT NULL DEFAULT 0,
  hash          TEXT NOT NULL REFERENCES blob (hash),
  file_name     TEXT NOT NULL DEFAULT '',   -- as added, valid UTF-8
  mime_type     TEXT NOT NULL DEFAULT 'application/octet-stream',
  size          INTEGER NOT NULL DEFAULT 0,
  title         TEXT NOT NULL DEFAULT '',
  kind          TEXT NOT NULL DEFAULT 'other'
                CHECK (kind IN ('policy', 'decision', 'analysis', 'minutes', 'survey',
                                'report', 'other')),
  municipality  TEXT,                       -- Kolada code or NULL
  date          TEXT,                       -- ISO 8601
  author        TEXT NOT NULL DEFAULT '',
  description   TEXT NOT NULL DEFAULT '',
  added_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- Full-text search over the documents' titles and text, kept in step by
-- triggers so that undo and redo of a document keep it right too.
-- unicode61 folds case (Å, å) but keeps å, ä and ö apart from a and o.
-- The prefix indexes make typing fast: each word is searched as the start
-- of a word, and the first letters are the commonest queries.
CREATE VIRTUAL TABLE document_fts USING fts5 (
  title, body, tokenize = "unicode61 remove_diacritics 0", prefix = '1 2 3'
);

CREATE TRIGGER document_fts_insert AFTER INSERT ON document BEGIN
  INSERT INTO document_fts (rowid, title, body)
    VALUES (new.id, new.title, COALESCE ((SELECT text FROM blob_text WHERE hash = new.hash), ''));
END;
CREATE TRIGGER document_fts_delete AFTER DELETE ON document BEGIN
  DELETE FROM document_fts WHERE rowid = old.id;
END;
CREATE TRIGGER document_fts_update AFTER UPDATE OF title, hash ON document BEGIN
  DELETE FROM document_fts WHERE rowid = old.id;
  INSERT INTO document_fts (rowid, title, body)
    VALUES (new.id, new.title, COALESCE ((SELECT text FROM blob_text WHERE hash = new.hash), ''));
END;

-- A document, or a page of it, as evidence for a logic-model card
CREATE TABLE evidence (
  id           INTEGER PRIMARY KEY,
  uuid         TEXT NOT NULL UNIQUE,
  element_id   INTEGER NOT NULL REFERENCES model_element (id),
  document_id  INTEGER NOT NULL REFERENCES document (id),
  position     INTEGER NOT NULL DEFAULT 0,
  page         INTEGER,                      -- 1-based, NULL: the whole document
  note         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX evidence_element ON evidence (element_id, position);

-- The slutrapport's numbered appendices, in order: a document or a frozen
-- logic-model version.  The number is the position + 1.
CREATE TABLE appendix (
  id                INTEGER PRIMARY KEY,
  uuid              TEXT NOT NULL UNIQUE,
  position          INTEGER NOT NULL DEFAULT 0,
  document_id       INTEGER REFERENCES document (id),
  model_version_id  INTEGER REFERENCES model_version (id),
  title             TEXT NOT NULL DEFAULT '',  -- "Analysunderlag för Hallsberg"
  date              TEXT,                      -- "daterad 2022-06-23"
  CHECK ((document_id IS NULL) <> (model_version_id IS NULL))
);
