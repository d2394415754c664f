-- Funding rounds (项目创投), docs/rounds.md. A round belongs to the platform (the foundation runs
-- it); organization_id is the running foundation's organization when there is one.

CREATE TABLE rounds (
  id                 INTEGER PRIMARY KEY,
  organization_id    INTEGER REFERENCES organizations (id),
  title              TEXT NOT NULL,
  theme              TEXT NOT NULL DEFAULT '',
  guidelines         TEXT NOT NULL DEFAULT '',     -- Markdown
  total_budget_cents INTEGER NOT NULL,
  min_grant_cents    INTEGER NOT NULL,
  max_grant_cents    INTEGER NOT NULL,
  eligibility        TEXT NOT NULL,                -- {org_types, ratings, target_groups, districts}
  opens_at           TEXT NOT NULL,                -- Asia/Shanghai local time "YYYY-MM-DDTHH:MM"
  closes_at          TEXT NOT NULL,
  rubric             TEXT NOT NULL,                -- [{key, name, weight, scale}]
  min_reviewers      INTEGER NOT NULL,
  notice_days        INTEGER NOT NULL,
  tranches           TEXT NOT NULL,                -- [{percent, gate}]
  reporting          TEXT NOT NULL CHECK (reporting IN ('monthly', 'quarterly')),
  state              TEXT NOT NULL,
  version            INTEGER NOT NULL DEFAULT 1,
  created_by         INTEGER REFERENCES users (id),
  created_at         TEXT NOT NULL,
  updated_at         TEXT NOT NULL
);
CREATE INDEX rounds_state ON rounds (state, closes_at);

CREATE TABLE round_events (
  id              INTEGER PRIMARY KEY,
  organization_id INTEGER,
  round_id        INTEGER NOT NULL REFERENCES rounds (id),
  from_state      TEXT,
  to_state        TEXT NOT NULL,
  reason          TEXT NOT NULL DEFAULT '',
  actor_user_id   INTEGER REFERENCES users (id),
  at              TEXT NOT NULL
);
CREATE INDEX round_events_round ON round_events (round_id, id);
