-- Verkan project file, schema 6: the slutrapport.
--
-- The report is a tree of sections.  A section's body is rich text kept as
-- a small XML document (see src/report/verkan-report-body.h): paragraphs,
-- bullet and numbered items, bold, italic, links, footnotes, cross-
-- references, and generated blocks (charts, logic models, the goal-outcome
-- table and so on) that are filled in from the project at export time.

CREATE TABLE report_section (
  id         INTEGER PRIMARY KEY,
  uuid       TEXT NOT NULL UNIQUE,
  parent_id  INTEGER REFERENCES report_section (id),   -- NULL: a chapter
  position   INTEGER NOT NULL DEFAULT 0,               -- among its siblings
  title      TEXT NOT NULL DEFAULT '',
  body       TEXT NOT NULL DEFAULT '<body/>'
);
CREATE INDEX report_section_order ON report_section (parent_id, position);

-- The Referenser list: a reference as a person writes it, and a link
CREATE TABLE report_reference (
  id        INTEGER PRIMARY KEY,
  uuid      TEXT NOT NULL UNIQUE,
  position  INTEGER NOT NULL DEFAULT 0,
  text      TEXT NOT NULL DEFAULT '',
  url       TEXT NOT NULL DEFAULT ''
);
