-- Monitoring of funded projects (docs/projects.md): periodic reports with frozen figures,
-- evaluations, tranche disbursements and expenses against budget lines.

CREATE TABLE project_reports (
  id             INTEGER PRIMARY KEY,
  organization_id INTEGER NOT NULL,
  project_id     INTEGER NOT NULL REFERENCES projects (id),
  period         TEXT NOT NULL,             -- "YYYY-MM" or "YYYY-Qn"
  period_start   TEXT NOT NULL,
  period_end     TEXT NOT NULL,
  state          TEXT NOT NULL CHECK (state IN ('submitted', 'accepted', 'returned')),
  narrative      TEXT NOT NULL,
  figures        TEXT NOT NULL,             -- computed indicators frozen at submission
  submitted_by   INTEGER REFERENCES users (id),
  submitted_at   TEXT NOT NULL,
  reviewed_by    INTEGER REFERENCES users (id),
  reviewed_at    TEXT,
  review_comment TEXT NOT NULL DEFAULT '',
  UNIQUE (project_id, period)
);

CREATE TABLE evaluations (
  id              INTEGER PRIMARY KEY,
  organization_id INTEGER NOT NULL,
  project_id      INTEGER NOT NULL REFERENCES projects (id),
  kind            TEXT NOT NULL CHECK (kind IN ('midterm', 'final')),
  evaluator_id    INTEGER REFERENCES users (id),
  state           TEXT NOT NULL CHECK (state IN ('open', 'done')),
  checklist       TEXT NOT NULL DEFAULT '[]',
  score           INTEGER,
  result          TEXT CHECK (result IN ('pass', 'fail')),
  comment         TEXT NOT NULL DEFAULT '',
  opened_by       INTEGER REFERENCES users (id),
  opened_at       TEXT NOT NULL,
  done_by         INTEGER REFERENCES users (id),
  done_at         TEXT,
  UNIQUE (project_id, kind)
);

CREATE TABLE disbursements (
  id              INTEGER PRIMARY KEY,
  organization_id INTEGER NOT NULL,
  project_id      INTEGER NOT NULL REFERENCES projects (id),
  tranche         INTEGER NOT NULL,          -- 1-based position in the round's tranches
  percent         INTEGER NOT NULL,
  gate            TEXT NOT NULL,
  amount_cents    INTEGER NOT NULL CHECK (amount_cents > 0),
  state           TEXT NOT NULL CHECK (state IN ('requested', 'approved', 'rejected', 'paid')),
  reason          TEXT NOT NULL DEFAULT '',
  requested_by    INTEGER REFERENCES users (id),
  requested_at    TEXT NOT NULL,
  approved_by     INTEGER REFERENCES users (id),
  approved_at     TEXT,
  paid_on         TEXT,
  reference       TEXT NOT NULL DEFAULT '',
  paid_by         INTEGER REFERENCES users (id),
  paid_at         TEXT
);
CREATE INDEX disbursements_project ON disbursements (project_id, tranche);
CREATE INDEX disbursements_state ON disbursements (state, requested_at);

CREATE TABLE project_expenses (
  id              INTEGER PRIMARY KEY,
  organization_id INTEGER NOT NULL,
  project_id      INTEGER NOT NULL REFERENCES projects (id),
  budget_line_id  INTEGER NOT NULL REFERENCES project_budget_lines (id),
  amount_cents    INTEGER NOT NULL CHECK (amount_cents > 0),
  spent_on        TEXT NOT NULL,
  description     TEXT NOT NULL,
  created_by      INTEGER REFERENCES users (id),
  created_at      TEXT NOT NULL
);
CREATE INDEX project_expenses_project ON project_expenses (project_id, budget_line_id);
