-- Volunteers, four-in-one case teams and pairing (docs/volunteers.md). ID number and phone are
-- encrypted like the registry's (FieldCipher, column-bound), with a blind index for duplicates.
-- Skills, languages and availability are kept twice: the JSON list the API shows, and a bit mask
-- the pairing suggestions score without parsing anything.

CREATE TABLE volunteers (
  id                      INTEGER PRIMARY KEY,
  organization_id         INTEGER NOT NULL REFERENCES organizations (id),  -- the first organization chosen
  user_id                 INTEGER UNIQUE REFERENCES users (id),
  name                    TEXT NOT NULL,
  gender                  TEXT NOT NULL,
  birth_date              TEXT NOT NULL,
  id_number_enc           TEXT NOT NULL DEFAULT '',
  id_number_bidx          TEXT UNIQUE,
  id_number_masked        TEXT NOT NULL DEFAULT '',
  phone_enc               TEXT NOT NULL DEFAULT '',
  phone_masked            TEXT NOT NULL DEFAULT '',
  district_code           TEXT NOT NULL,
  street_code             TEXT NOT NULL,
  skills                  TEXT NOT NULL DEFAULT '[]',
  skills_mask             INTEGER NOT NULL DEFAULT 0,
  languages               TEXT NOT NULL DEFAULT '[]',
  languages_mask          INTEGER NOT NULL DEFAULT 0,
  availability            TEXT NOT NULL DEFAULT '[]',
  availability_mask       INTEGER NOT NULL DEFAULT 0,
  works_with_minors       INTEGER NOT NULL DEFAULT 0,
  motivation              TEXT NOT NULL DEFAULT '',
  status                  TEXT NOT NULL,
  signup_username         TEXT NOT NULL DEFAULT '',
  signup_password_hash    TEXT NOT NULL DEFAULT '',   -- kept until the account exists, then cleared
  training_completed_on   TEXT,
  background_check_status TEXT NOT NULL DEFAULT 'none',
  background_check_on     TEXT,
  agreement_signed_on     TEXT,
  version                 INTEGER NOT NULL DEFAULT 1,
  created_at              TEXT NOT NULL,
  updated_at              TEXT NOT NULL
);
CREATE INDEX volunteers_status ON volunteers (status, district_code);

-- The organizations a volunteer serves with; each decides on its own membership.
CREATE TABLE volunteer_memberships (
  organization_id INTEGER NOT NULL REFERENCES organizations (id),
  volunteer_id    INTEGER NOT NULL REFERENCES volunteers (id),
  status          TEXT NOT NULL,
  requested_at    TEXT NOT NULL,
  decided_by      INTEGER REFERENCES users (id),
  decided_at      TEXT,
  reason          TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (organization_id, volunteer_id)
);
CREATE INDEX volunteer_memberships_volunteer ON volunteer_memberships (volunteer_id);

CREATE TABLE professionals (
  id                   INTEGER PRIMARY KEY,
  organization_id      INTEGER NOT NULL REFERENCES organizations (id),
  name                 TEXT NOT NULL,
  profession           TEXT NOT NULL,
  qualification        TEXT NOT NULL,
  qualification_number TEXT NOT NULL DEFAULT '',
  employer             TEXT NOT NULL DEFAULT '',
  phone_enc            TEXT NOT NULL DEFAULT '',
  phone_masked         TEXT NOT NULL DEFAULT '',
  created_by           INTEGER REFERENCES users (id),
  created_at           TEXT NOT NULL
);
CREATE INDEX professionals_organization ON professionals (organization_id);

-- A case's team besides its lead social worker (cases.social_worker_id). grants: what the lead
-- opened to a volunteer member (["id_number", "income", "health"]).
CREATE TABLE case_team_members (
  id              INTEGER PRIMARY KEY,
  organization_id INTEGER NOT NULL,
  case_id         INTEGER NOT NULL REFERENCES cases (id),
  kind            TEXT NOT NULL,
  user_id         INTEGER REFERENCES users (id),
  volunteer_id    INTEGER REFERENCES volunteers (id),
  professional_id INTEGER REFERENCES professionals (id),
  role            TEXT NOT NULL DEFAULT '',
  started_on      TEXT NOT NULL,
  ended_on        TEXT,
  end_reason      TEXT NOT NULL DEFAULT '',
  grants          TEXT NOT NULL DEFAULT '[]',
  created_by      INTEGER REFERENCES users (id),
  created_at      TEXT NOT NULL
);
CREATE INDEX case_team_members_case ON case_team_members (case_id);
CREATE INDEX case_team_members_volunteer ON case_team_members (volunteer_id);

CREATE TABLE pairings (
  id              INTEGER PRIMARY KEY,
  organization_id INTEGER NOT NULL,
  case_id         INTEGER NOT NULL REFERENCES cases (id),
  volunteer_id    INTEGER NOT NULL REFERENCES volunteers (id),
  purpose         TEXT NOT NULL,
  cadence         TEXT NOT NULL,
  started_on      TEXT NOT NULL,
  planned_end_on  TEXT,
  person_ids      TEXT NOT NULL DEFAULT '[]',
  status          TEXT NOT NULL,
  status_reason   TEXT NOT NULL DEFAULT '',
  ended_on        TEXT,
  proposed_by     INTEGER REFERENCES users (id),
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL
);
CREATE INDEX pairings_volunteer ON pairings (volunteer_id, status);
CREATE INDEX pairings_organization ON pairings (organization_id, status);
CREATE INDEX pairings_case ON pairings (case_id);
-- One open pairing of a volunteer with a family, even under concurrent proposals.
CREATE UNIQUE INDEX pairings_open ON pairings (case_id, volunteer_id)
  WHERE status IN ('proposed', 'active', 'paused');

CREATE TABLE pairing_visits (
  id                INTEGER PRIMARY KEY,
  organization_id   INTEGER NOT NULL,
  pairing_id        INTEGER NOT NULL REFERENCES pairings (id),
  case_id           INTEGER NOT NULL REFERENCES cases (id),
  volunteer_id      INTEGER NOT NULL REFERENCES volunteers (id),
  visited_on        TEXT NOT NULL,
  duration_minutes  INTEGER NOT NULL CHECK (duration_minutes BETWEEN 1 AND 720),
  activities        TEXT NOT NULL,
  service_type      TEXT NOT NULL,
  concerns          TEXT NOT NULL DEFAULT '[]',
  status            TEXT NOT NULL,
  query_comment     TEXT NOT NULL DEFAULT '',
  service_record_id INTEGER UNIQUE REFERENCES service_records (id),
  project_id        INTEGER,
  confirmed_by      INTEGER REFERENCES users (id),
  confirmed_at      TEXT,
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL
);
CREATE INDEX pairing_visits_pairing ON pairing_visits (pairing_id, visited_on);
CREATE INDEX pairing_visits_volunteer ON pairing_visits (volunteer_id, status, visited_on);
CREATE INDEX pairing_visits_organization ON pairing_visits (organization_id, status);

CREATE TABLE volunteer_certificates (
  id              INTEGER PRIMARY KEY,
  organization_id INTEGER NOT NULL REFERENCES organizations (id),
  volunteer_id    INTEGER NOT NULL REFERENCES volunteers (id),
  code            TEXT NOT NULL UNIQUE,
  period_from     TEXT NOT NULL,
  period_to       TEXT NOT NULL,
  minutes         INTEGER NOT NULL,
  issued_by       INTEGER REFERENCES users (id),
  issued_on       TEXT NOT NULL,
  created_at      TEXT NOT NULL
);
CREATE INDEX volunteer_certificates_volunteer ON volunteer_certificates (volunteer_id);
