-- Verkan project file, schema 2: logic models, their elements (cards),
-- links with their if-then rationale, indicators, and frozen versions.

CREATE TABLE logic_model (
  id                INTEGER PRIMARY KEY,
  uuid              TEXT NOT NULL UNIQUE,
  position          INTEGER NOT NULL DEFAULT 0,
  title             TEXT NOT NULL DEFAULT '',
  municipality      TEXT,                    -- Kolada code, or NULL for the whole project
  date              TEXT,                    -- ISO 8601
  template          TEXT NOT NULL DEFAULT 'standard' CHECK (template IN ('standard', 'blank')),
  show_assumptions  INTEGER NOT NULL DEFAULT 0 CHECK (show_assumptions IN (0, 1)),
  show_external     INTEGER NOT NULL DEFAULT 0 CHECK (show_external IN (0, 1))
);

CREATE TABLE model_element (
  id           INTEGER PRIMARY KEY,
  uuid         TEXT NOT NULL UNIQUE,
  model_id     INTEGER NOT NULL REFERENCES logic_model (id),
  column_kind  TEXT NOT NULL DEFAULT 'activities'
               CHECK (column_kind IN ('resources', 'activities', 'outputs',
                                      'short-term-effects', 'long-term-effects', 'goals',
                                      'assumptions', 'external-factors')),
  position     INTEGER NOT NULL DEFAULT 0,
  title        TEXT NOT NULL DEFAULT '',
  text         TEXT NOT NULL DEFAULT '',
  responsible  TEXT NOT NULL DEFAULT '',
  status       TEXT NOT NULL DEFAULT 'not-assessed'
               CHECK (status IN ('achieved', 'partly-achieved', 'not-achieved',
                                 'unclear', 'not-assessed')),
  pinned       INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1))
);
CREATE INDEX model_element_order ON model_element (model_id, column_kind, position);

CREATE TABLE model_link (
  id         INTEGER PRIMARY KEY,
  uuid       TEXT NOT NULL UNIQUE,
  model_id   INTEGER NOT NULL REFERENCES logic_model (id),
  from_id    INTEGER NOT NULL REFERENCES model_element (id),
  to_id      INTEGER NOT NULL REFERENCES model_element (id),
  rationale  TEXT NOT NULL DEFAULT '',       -- the if-then assumption
  UNIQUE (from_id, to_id),
  CHECK (from_id <> to_id)
);
CREATE INDEX model_link_model ON model_link (model_id);

CREATE TABLE indicator (
  id                INTEGER PRIMARY KEY,
  uuid              TEXT NOT NULL UNIQUE,
  element_id        INTEGER NOT NULL REFERENCES model_element (id),
  position          INTEGER NOT NULL DEFAULT 0,
  name              TEXT NOT NULL DEFAULT '',
  unit              TEXT NOT NULL DEFAULT '',
  kolada_kpi        TEXT,                    -- NULL: an own measure ("eget mått")
  source            TEXT NOT NULL DEFAULT '',
  baseline_value    REAL,
  baseline_year     INTEGER,
  target_value      REAL,
  target_year       INTEGER,
  higher_is_better  INTEGER NOT NULL DEFAULT 1 CHECK (higher_is_better IN (0, 1))
);
CREATE INDEX indicator_element ON indicator (element_id, position);

-- A frozen version keeps the model as it was, whatever happens to it later:
-- its own copy of the model in the XML exchange format.
CREATE TABLE model_version (
  id          INTEGER PRIMARY KEY,
  uuid        TEXT NOT NULL UNIQUE,
  model_uuid  TEXT NOT NULL,
  title       TEXT NOT NULL,                 -- "Logikmodell för Nora"
  date        TEXT NOT NULL,                 -- "daterad 2022-06-15"
  frozen_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  content     TEXT NOT NULL
);
