-- Applications to funding rounds, their screening and review, the public notice (公示) and the
-- projects a decided round funds (docs/rounds.md). organization_id is the applying organization.

ALTER TABLE rounds ADD COLUMN notice_started_on TEXT;    -- Asia/Shanghai date notice began

CREATE TABLE applications (
  id               INTEGER PRIMARY KEY,
  organization_id  INTEGER NOT NULL REFERENCES organizations (id),
  round_id         INTEGER NOT NULL REFERENCES rounds (id),
  state            TEXT NOT NULL,
  project_name     TEXT NOT NULL DEFAULT '',
  document         TEXT NOT NULL,          -- the application as JSON: texts, lists, budget lines, indicators
  requested_cents  INTEGER NOT NULL DEFAULT 0,
  screening_reason TEXT NOT NULL DEFAULT '',
  screened_by      INTEGER REFERENCES users (id),
  screened_at      TEXT,
  granted_cents    INTEGER,                -- the proposed (later funded) amount
  decision_note    TEXT NOT NULL DEFAULT '',
  decided_by       INTEGER REFERENCES users (id),
  decided_at       TEXT,
  version          INTEGER NOT NULL DEFAULT 1,
  created_by       INTEGER REFERENCES users (id),
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  submitted_at     TEXT
);
CREATE INDEX applications_round ON applications (round_id, state);
CREATE INDEX applications_organization ON applications (organization_id, round_id);

-- One reviewer on one application. Scores are [{key, score, comment}]; total_centi is the
-- weighted total out of 100, in hundredths (exact on both engines).
CREATE TABLE review_assignments (
  id              INTEGER PRIMARY KEY,
  organization_id INTEGER NOT NULL,
  application_id  INTEGER NOT NULL REFERENCES applications (id),
  reviewer_id     INTEGER NOT NULL REFERENCES users (id),
  state           TEXT NOT NULL CHECK (state IN ('assigned', 'conflict', 'submitted')),
  conflict_reason TEXT NOT NULL DEFAULT '',
  scores          TEXT NOT NULL DEFAULT '[]',
  comment         TEXT NOT NULL DEFAULT '',
  total_centi     INTEGER,
  assigned_by     INTEGER REFERENCES users (id),
  assigned_at     TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  submitted_at    TEXT,
  UNIQUE (application_id, reviewer_id)
);
CREATE INDEX review_assignments_reviewer ON review_assignments (reviewer_id, state);

CREATE TABLE objections (
  id              INTEGER PRIMARY KEY,
  organization_id INTEGER NOT NULL,
  round_id        INTEGER NOT NULL REFERENCES rounds (id),
  application_id  INTEGER NOT NULL REFERENCES applications (id),
  source          TEXT NOT NULL,           -- who objected, as told to staff
  content         TEXT NOT NULL,
  state           TEXT NOT NULL CHECK (state IN ('open', 'upheld', 'dismissed')),
  resolution      TEXT NOT NULL DEFAULT '',
  recorded_by     INTEGER REFERENCES users (id),
  recorded_at     TEXT NOT NULL,
  resolved_by     INTEGER REFERENCES users (id),
  resolved_at     TEXT
);
CREATE INDEX objections_round ON objections (round_id, state);

-- A funded project: what the decided application promised, and what the agreement fixes.
CREATE TABLE projects (
  id                  INTEGER PRIMARY KEY,
  organization_id     INTEGER NOT NULL REFERENCES organizations (id),
  round_id            INTEGER NOT NULL REFERENCES rounds (id),
  application_id      INTEGER NOT NULL UNIQUE REFERENCES applications (id),
  name                TEXT NOT NULL,
  sub_brand           TEXT NOT NULL DEFAULT '',
  grant_cents         INTEGER NOT NULL,
  state               TEXT NOT NULL,       -- agreement_pending | active | suspended | finished
  agreement_signed_on TEXT,
  starts_on           TEXT,
  ends_on             TEXT,
  indicators          TEXT NOT NULL,       -- [{key, target, name, unit}] from the application
  team                TEXT NOT NULL,
  version             INTEGER NOT NULL DEFAULT 1,
  created_at          TEXT NOT NULL,
  updated_at          TEXT NOT NULL
);
CREATE INDEX projects_organization ON projects (organization_id, state);
CREATE INDEX projects_round ON projects (round_id);

CREATE TABLE project_budget_lines (
  id               INTEGER PRIMARY KEY,
  organization_id  INTEGER NOT NULL,
  project_id       INTEGER NOT NULL REFERENCES projects (id),
  position         INTEGER NOT NULL,
  category         TEXT NOT NULL,
  item             TEXT NOT NULL,
  unit             TEXT NOT NULL DEFAULT '',
  quantity         INTEGER NOT NULL,
  unit_price_cents INTEGER NOT NULL,
  amount_cents     INTEGER NOT NULL
);
CREATE INDEX project_budget_lines_project ON project_budget_lines (project_id, position);

CREATE INDEX cases_project ON cases (project_id);
CREATE INDEX service_records_project ON service_records (project_id, served_on);
