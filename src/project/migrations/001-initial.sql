-- Verkan project file, schema 1: the project, its municipalities,
-- organisation, goals, time plan and resources.
-- Enumerations are stable English tokens; see verkan-vocabulary.c.

CREATE TABLE project (
  id            INTEGER PRIMARY KEY CHECK (id = 1),
  uuid          TEXT NOT NULL UNIQUE,
  title         TEXT NOT NULL DEFAULT '',
  subtitle      TEXT NOT NULL DEFAULT '',
  author        TEXT NOT NULL DEFAULT '',
  date          TEXT,                      -- ISO 8601, 2022-08-16
  report_number TEXT NOT NULL DEFAULT '',
  dnr           TEXT NOT NULL DEFAULT '',
  financier     TEXT NOT NULL DEFAULT '',
  owner         TEXT NOT NULL DEFAULT '',
  period_start  TEXT,
  period_end    TEXT,
  purpose       TEXT NOT NULL DEFAULT '',  -- syfte
  target_group  TEXT NOT NULL DEFAULT '',  -- målgrupp
  language      TEXT NOT NULL DEFAULT 'sv',
  created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

CREATE TABLE municipality (
  id        INTEGER PRIMARY KEY,
  uuid      TEXT NOT NULL UNIQUE,
  position  INTEGER NOT NULL DEFAULT 0,
  code      TEXT NOT NULL UNIQUE,          -- Kolada code, 1861
  name      TEXT NOT NULL
);

CREATE TABLE person (
  id            INTEGER PRIMARY KEY,
  uuid          TEXT NOT NULL UNIQUE,
  position      INTEGER NOT NULL DEFAULT 0,
  name          TEXT NOT NULL DEFAULT '',
  role          TEXT NOT NULL DEFAULT 'project-group'
                CHECK (role IN ('project-owner', 'steering-group', 'project-leader',
                                'project-group', 'reference-group', 'contact-person')),
  organisation  TEXT NOT NULL DEFAULT '',
  municipality  TEXT                       -- Kolada code, or NULL
);

CREATE TABLE goal (
  id             INTEGER PRIMARY KEY,
  uuid           TEXT NOT NULL UNIQUE,
  kind           TEXT NOT NULL DEFAULT 'project-goal'
                 CHECK (kind IN ('project-goal', 'effect-goal')),
  position       INTEGER NOT NULL DEFAULT 0,
  text           TEXT NOT NULL DEFAULT '',
  status         TEXT NOT NULL DEFAULT 'not-assessed'
                 CHECK (status IN ('achieved', 'partly-achieved', 'not-achieved',
                                   'unclear', 'not-assessed')),
  outcome        TEXT NOT NULL DEFAULT '',
  survey_full    INTEGER CHECK (survey_full >= 0),    -- "helt"
  survey_partly  INTEGER CHECK (survey_partly >= 0),  -- "delvis"
  survey_not     INTEGER CHECK (survey_not >= 0)      -- "inte alls"
);
CREATE INDEX goal_order ON goal (kind, position);

CREATE TABLE milestone (
  id             INTEGER PRIMARY KEY,
  uuid           TEXT NOT NULL UNIQUE,
  position       INTEGER NOT NULL DEFAULT 0,
  title          TEXT NOT NULL DEFAULT '',
  planned_start  TEXT,
  planned_end    TEXT,
  actual_start   TEXT,
  actual_end     TEXT
);

CREATE TABLE resource (
  id             INTEGER PRIMARY KEY,
  uuid           TEXT NOT NULL UNIQUE,
  position       INTEGER NOT NULL DEFAULT 0,
  function       TEXT NOT NULL DEFAULT '',
  planned_hours  REAL CHECK (planned_hours >= 0),
  actual_hours   REAL CHECK (actual_hours >= 0)
);

-- Every file has exactly one project row; its uuid is a random version-4 UUID.
INSERT INTO project (id, uuid) VALUES (1,
  lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' ||
  substr(lower(hex(randomblob(2))), 2) || '-' ||
  substr('89ab', 1 + abs(random()) % 4, 1) || substr(lower(hex(randomblob(2))), 2) || '-' ||
  lower(hex(randomblob(6))));
