-- Household income and rigid expenditure records, merged households, and case attachments.

CREATE TABLE household_finances (
  id              INTEGER PRIMARY KEY,
  organization_id INTEGER NOT NULL REFERENCES organizations (id),
  household_id    INTEGER NOT NULL REFERENCES households (id),
  kind            TEXT NOT NULL CHECK (kind IN ('income', 'expenditure')),
  category        TEXT NOT NULL,
  amount_cents    INTEGER NOT NULL CHECK (amount_cents >= 0),
  period_month    TEXT NOT NULL,              -- YYYY-MM
  note            TEXT NOT NULL DEFAULT '',
  recorded_by     INTEGER REFERENCES users (id),
  created_at      TEXT NOT NULL
);
CREATE INDEX household_finances_household ON household_finances (household_id, period_month);

-- A household merged into another keeps its row (and its audit history) but leaves lists.
ALTER TABLE households ADD COLUMN merged_into_id INTEGER REFERENCES households (id);

CREATE TABLE attachments (
  id                INTEGER PRIMARY KEY,
  organization_id   INTEGER NOT NULL,
  case_id           INTEGER NOT NULL REFERENCES cases (id),
  service_record_id INTEGER REFERENCES service_records (id),
  sha256            TEXT NOT NULL,            -- the file under <data-dir>/attachments/
  content_type      TEXT NOT NULL,
  size_bytes        INTEGER NOT NULL,
  filename          TEXT NOT NULL,
  uploaded_by       INTEGER REFERENCES users (id),
  created_at        TEXT NOT NULL
);
CREATE INDEX attachments_case ON attachments (case_id);
