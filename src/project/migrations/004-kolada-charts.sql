-- Verkan project file, schema 4: Kolada key figures kept in the file, the
-- municipality groups they were compared with, the project's own measures,
-- and the charts drawn from them.
--
-- The kolada_* tables are a cache of what Kolada answered: a fetch replaces
-- rows in one transaction of its own and is not an undoable edit.  Charts
-- and own measures are the user's work and change through commands.

CREATE TABLE kolada_kpi (
  id                     TEXT PRIMARY KEY,           -- "N31807"
  title                  TEXT NOT NULL DEFAULT '',
  description            TEXT NOT NULL DEFAULT '',
  is_divided_by_gender   INTEGER NOT NULL DEFAULT 0 CHECK (is_divided_by_gender IN (0, 1)),
  municipality_type      TEXT NOT NULL DEFAULT 'K',  -- K, L or A
  publication_date       TEXT,                       -- ISO 8601 date
  prel_publication_date  TEXT,
  fetched_at             TEXT NOT NULL               -- ISO 8601 UTC
);

-- One value a row; municipality is a Kolada code ("1861", "0000" Riket)
-- or a municipality group ("G2328", its unweighted mean).
CREATE TABLE kolada_value (
  kpi           TEXT NOT NULL,
  municipality  TEXT NOT NULL,
  year          INTEGER NOT NULL,
  gender        TEXT NOT NULL CHECK (gender IN ('T', 'K', 'M')),
  value         REAL,                                 -- NULL: Kolada has no value
  count         INTEGER NOT NULL DEFAULT 0,
  status        TEXT NOT NULL DEFAULT '',
  fetched_at    TEXT NOT NULL,                        -- ISO 8601 UTC
  origin        TEXT NOT NULL DEFAULT 'kolada'
                CHECK (origin IN ('kolada', 'snapshot', 'illustrative')),
  PRIMARY KEY (kpi, municipality, year, gender)
) WITHOUT ROWID;

-- What was fetched and when, so that a refetch asks only for what changed
-- since (from_date).
CREATE TABLE kolada_fetch (
  kpi           TEXT NOT NULL,
  municipality  TEXT NOT NULL,
  first_year    INTEGER NOT NULL,
  last_year     INTEGER NOT NULL,
  fetched_at    TEXT NOT NULL,
  PRIMARY KEY (kpi, municipality)
) WITHOUT ROWID;

-- Municipality groups as Kolada had them when they were used: membership
-- changes every year, so the members charted are kept with the chart data.
CREATE TABLE kolada_group (
  id          TEXT PRIMARY KEY,                       -- "G175966"
  title       TEXT NOT NULL DEFAULT '',
  members     TEXT NOT NULL DEFAULT '',               -- "1814,1861,…"
  fetched_at  TEXT
);

-- A local series: a municipality's own follow-up figures.
CREATE TABLE own_measure (
  id                INTEGER PRIMARY KEY,
  uuid              TEXT NOT NULL UNIQUE,
  position          INTEGER NOT NULL DEFAULT 0,
  title             TEXT NOT NULL DEFAULT '',
  unit              TEXT NOT NULL DEFAULT '',
  source            TEXT NOT NULL DEFAULT '',         -- "Hallsbergs kommun, egen uppföljning"
  description       TEXT NOT NULL DEFAULT '',
  higher_is_better  INTEGER NOT NULL DEFAULT 1 CHECK (higher_is_better IN (0, 1))
);

CREATE TABLE own_value (
  id            INTEGER PRIMARY KEY,
  measure_id    INTEGER NOT NULL REFERENCES own_measure (id),
  municipality  TEXT NOT NULL DEFAULT '',             -- Kolada code, or '' for the project
  year          INTEGER NOT NULL,
  gender        TEXT NOT NULL DEFAULT 'T' CHECK (gender IN ('T', 'K', 'M')),
  value         REAL,
  UNIQUE (measure_id, municipality, year, gender)
);

CREATE TABLE chart (
  id        INTEGER PRIMARY KEY,
  uuid      TEXT NOT NULL UNIQUE,
  position  INTEGER NOT NULL DEFAULT 0,
  title     TEXT NOT NULL DEFAULT '',
  caption   TEXT NOT NULL DEFAULT '',                 -- extra text under the source line
  spec      TEXT NOT NULL DEFAULT '{}'                -- JSON, see src/chart/verkan-chart-spec.h
);
