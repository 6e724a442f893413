-- Verkan project file, schema 3: what an exchange file carries beside its
-- one model.  "Skicka till kommun" writes a small project file holding a
-- single logic model; this row says which model that is and keeps the
-- model as it was sent, the base of the three-way merge when the file
-- comes back.  A normal project has no rows here.  Transport data only:
-- not edited by commands and not part of the XML exchange format.

CREATE TABLE model_exchange (
  id                 INTEGER PRIMARY KEY,
  model_uuid         TEXT NOT NULL,             -- logic_model.uuid of the model sent
  project_uuid       TEXT NOT NULL DEFAULT '',  -- project.uuid of the file it was sent from
  sent_at            TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  base               TEXT NOT NULL,             -- the model as sent: one <logic-model> element
  indicator_catalog  TEXT NOT NULL DEFAULT '[]' -- JSON: the indicators used in the whole project
);
