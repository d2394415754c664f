-- Outcomes (docs/outcomes.md): satisfaction surveys with one-time tokens, and the KPI rollups that
-- dashboards read instead of the service records.

CREATE TABLE survey_templates (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  items      TEXT NOT NULL,             -- [{code, label_zh, label_en}], "overall" among them
  active     INTEGER NOT NULL DEFAULT 1,
  created_by INTEGER REFERENCES users (id),
  created_at TEXT NOT NULL
);
INSERT INTO survey_templates (name, items, created_at) VALUES ('默认满意度调查',
  '[{"code":"attitude","label_zh":"服务态度","label_en":"Attitude"},{"code":"timeliness","label_zh":"服务及时性","label_en":"Timeliness"},{"code":"professionalism","label_zh":"专业性","label_en":"Professionalism"},{"code":"effectiveness","label_zh":"帮扶效果","label_en":"Effectiveness"},{"code":"overall","label_zh":"总体满意度","label_en":"Overall"}]',
  '2026-01-01T00:00:00Z');

-- The token itself is never stored: token_hash is its BLAKE2b hash.
CREATE TABLE survey_invitations (
  id                INTEGER PRIMARY KEY,
  organization_id   INTEGER NOT NULL REFERENCES organizations (id),
  case_id           INTEGER NOT NULL REFERENCES cases (id),
  project_id        INTEGER,
  service_record_id INTEGER REFERENCES service_records (id),
  template_id       INTEGER NOT NULL REFERENCES survey_templates (id),
  token_hash        TEXT NOT NULL UNIQUE,
  status            TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'answered', 'cancelled')),
  expires_at        TEXT NOT NULL,
  created_by        INTEGER REFERENCES users (id),
  created_at        TEXT NOT NULL,
  answered_at       TEXT
);
CREATE INDEX survey_invitations_case ON survey_invitations (case_id, id);

CREATE TABLE survey_responses (
  id              INTEGER PRIMARY KEY,
  organization_id INTEGER NOT NULL,
  invitation_id   INTEGER NOT NULL UNIQUE REFERENCES survey_invitations (id),
  project_id      INTEGER,
  channel         TEXT NOT NULL CHECK (channel IN ('web', 'phone')),
  overall         INTEGER NOT NULL CHECK (overall BETWEEN 1 AND 5),
  answers         TEXT NOT NULL,        -- {code: 1..5}
  comment         TEXT NOT NULL DEFAULT '',
  answered_on     TEXT NOT NULL,        -- YYYY-MM-DD (a phone response: the day of the call)
  entered_by      INTEGER REFERENCES users (id),
  created_at      TEXT NOT NULL
);
CREATE INDEX survey_responses_project ON survey_responses (project_id);
CREATE INDEX survey_responses_organization ON survey_responses (organization_id);

-- One row per (dimension, key, period): period '' = all time, 'YYYY', 'YYYY-Qn', 'YYYY-MM'.
CREATE TABLE kpi_cells (
  dimension          TEXT NOT NULL,
  dim_key            TEXT NOT NULL,
  period             TEXT NOT NULL,
  services           INTEGER NOT NULL DEFAULT 0,
  minutes            INTEGER NOT NULL DEFAULT 0,
  volunteer_minutes  INTEGER NOT NULL DEFAULT 0,
  person_times       INTEGER NOT NULL DEFAULT 0,
  persons            INTEGER NOT NULL DEFAULT 0,
  households         INTEGER NOT NULL DEFAULT 0,
  children           INTEGER NOT NULL DEFAULT 0,
  elderly            INTEGER NOT NULL DEFAULT 0,
  women              INTEGER NOT NULL DEFAULT 0,
  cases_opened       INTEGER NOT NULL DEFAULT 0,
  cases_closed       INTEGER NOT NULL DEFAULT 0,
  referrals_made     INTEGER NOT NULL DEFAULT 0,
  referrals_accepted INTEGER NOT NULL DEFAULT 0,
  responses          INTEGER NOT NULL DEFAULT 0,
  satisfied          INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (dimension, dim_key, period)
);

-- Who is counted in a cell, with how many participations: exact distinct counts that survive
-- additions and removals. kind: person, household, child, elderly.
CREATE TABLE kpi_seen (
  dimension  TEXT NOT NULL,
  dim_key    TEXT NOT NULL,
  period     TEXT NOT NULL,
  kind       TEXT NOT NULL,
  subject_id INTEGER NOT NULL,
  refs       INTEGER NOT NULL,
  PRIMARY KEY (dimension, dim_key, period, kind, subject_id)
) WITHOUT ROWID;
