-- Case work (docs/case-work.md): cases and everything that happens in them. Every table carries
-- organization_id (the owning organization of the case) so data stays partitionable by
-- organization. Free texts that may hold health details (evidence, content) are plain here: they
-- are visible only to those who may read the case; identifiers live encrypted in persons.

CREATE TABLE service_types (
  code     TEXT PRIMARY KEY,
  name_zh  TEXT NOT NULL,
  name_en  TEXT NOT NULL,
  position INTEGER NOT NULL,
  active   INTEGER NOT NULL DEFAULT 1
);
INSERT INTO service_types (code, name_zh, name_en, position) VALUES
  ('material_aid', '物质帮扶', 'Material aid', 1),
  ('psychological_support', '心理疏导', 'Psychological support', 2),
  ('crisis_intervention', '危机干预', 'Crisis intervention', 3),
  ('life_care', '生活照料', 'Life care', 4),
  ('tutoring', '学业辅导', 'Tutoring', 5),
  ('employment_help', '就业帮扶', 'Employment help', 6),
  ('health_rehabilitation', '健康康复', 'Health and rehabilitation', 7),
  ('social_integration', '社会融入', 'Social integration', 8),
  ('resource_linking', '资源链接', 'Resource linking', 9),
  ('other', '其他', 'Other', 10);

CREATE TABLE cases (
  id                  INTEGER PRIMARY KEY,
  organization_id     INTEGER NOT NULL REFERENCES organizations (id),
  household_id        INTEGER NOT NULL REFERENCES households (id),
  primary_person_id   INTEGER REFERENCES persons (id),
  project_id          INTEGER,
  case_number         TEXT NOT NULL UNIQUE,
  state               TEXT NOT NULL,
  referral_source     TEXT NOT NULL,
  referral_note       TEXT NOT NULL DEFAULT '',
  referred_by_user_id INTEGER REFERENCES users (id),
  presenting_problem  TEXT NOT NULL,
  urgency             TEXT NOT NULL,
  risk_level          TEXT,
  social_worker_id    INTEGER REFERENCES users (id),
  supervisor_id       INTEGER REFERENCES users (id),
  transferred_from_case_id INTEGER REFERENCES cases (id),
  opened_on           TEXT NOT NULL,
  closed_on           TEXT,
  version             INTEGER NOT NULL DEFAULT 1,
  created_at          TEXT NOT NULL,
  updated_at          TEXT NOT NULL
);
CREATE INDEX cases_organization_state ON cases (organization_id, state);
CREATE INDEX cases_household ON cases (household_id);
CREATE INDEX cases_social_worker ON cases (social_worker_id, state);
CREATE INDEX cases_supervisor ON cases (supervisor_id, state);
CREATE INDEX cases_referred_by ON cases (referred_by_user_id);

-- The timeline: one row per thing that happened to a case, state changes included.
CREATE TABLE case_events (
  id              INTEGER PRIMARY KEY,
  organization_id INTEGER NOT NULL,
  case_id         INTEGER NOT NULL REFERENCES cases (id),
  kind            TEXT NOT NULL,
  from_state      TEXT,
  to_state        TEXT,
  reason          TEXT NOT NULL DEFAULT '',
  ref_id          INTEGER,
  summary         TEXT NOT NULL DEFAULT '',
  actor_user_id   INTEGER REFERENCES users (id),
  at              TEXT NOT NULL
);
CREATE INDEX case_events_case ON case_events (case_id, id);

CREATE TABLE case_assessments (
  id              INTEGER PRIMARY KEY,
  organization_id INTEGER NOT NULL,
  case_id         INTEGER NOT NULL REFERENCES cases (id),
  kind            TEXT NOT NULL CHECK (kind IN ('initial', 'midterm', 'closing')),
  assessed_on     TEXT NOT NULL,
  risk_level      TEXT NOT NULL,
  summary         TEXT NOT NULL DEFAULT '',
  created_by      INTEGER REFERENCES users (id),
  created_at      TEXT NOT NULL
);
CREATE INDEX case_assessments_case ON case_assessments (case_id, id);

CREATE TABLE case_assessment_scores (
  organization_id INTEGER NOT NULL,
  assessment_id   INTEGER NOT NULL REFERENCES case_assessments (id),
  domain          TEXT NOT NULL,
  level           TEXT NOT NULL,
  score           INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
  evidence        TEXT NOT NULL DEFAULT '',
  strengths       TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (assessment_id, domain)
);

CREATE TABLE case_plans (
  id               INTEGER PRIMARY KEY,
  organization_id  INTEGER NOT NULL,
  case_id          INTEGER NOT NULL REFERENCES cases (id),
  version          INTEGER NOT NULL,
  status           TEXT NOT NULL,
  goals            TEXT NOT NULL,
  interventions    TEXT NOT NULL,
  resources        TEXT NOT NULL,
  created_by       INTEGER REFERENCES users (id),
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  submitted_at     TEXT,
  decided_by       INTEGER REFERENCES users (id),
  decided_at       TEXT,
  decision_comment TEXT NOT NULL DEFAULT '',
  UNIQUE (case_id, version)
);

CREATE TABLE service_records (
  id               INTEGER PRIMARY KEY,
  organization_id  INTEGER NOT NULL,
  case_id          INTEGER NOT NULL REFERENCES cases (id),
  project_id       INTEGER,
  served_on        TEXT NOT NULL,
  start_time       TEXT NOT NULL DEFAULT '',
  duration_minutes INTEGER NOT NULL CHECK (duration_minutes BETWEEN 1 AND 1440),
  mode             TEXT NOT NULL,
  service_type     TEXT NOT NULL REFERENCES service_types (code),
  content          TEXT NOT NULL,
  outcome          TEXT NOT NULL DEFAULT '',
  next_step        TEXT NOT NULL DEFAULT '',
  crisis           INTEGER NOT NULL DEFAULT 0,
  person_times     INTEGER NOT NULL,
  created_by       INTEGER REFERENCES users (id),
  created_at       TEXT NOT NULL
);
CREATE INDEX service_records_case ON service_records (case_id, served_on);
CREATE INDEX service_records_organization ON service_records (organization_id, served_on);

-- Who took part: each row is one person-time (人次). case_id is the participant's own case
-- (a group activity can gather members of several cases of one project).
CREATE TABLE service_record_participants (
  organization_id   INTEGER NOT NULL,
  service_record_id INTEGER NOT NULL REFERENCES service_records (id),
  person_id         INTEGER NOT NULL REFERENCES persons (id),
  case_id           INTEGER NOT NULL REFERENCES cases (id),
  PRIMARY KEY (service_record_id, person_id)
);
CREATE INDEX service_record_participants_person ON service_record_participants (person_id);

CREATE TABLE service_record_staff (
  organization_id   INTEGER NOT NULL,
  service_record_id INTEGER NOT NULL REFERENCES service_records (id),
  user_id           INTEGER NOT NULL REFERENCES users (id),
  PRIMARY KEY (service_record_id, user_id)
);

CREATE TABLE case_alerts (
  id              INTEGER PRIMARY KEY,
  organization_id INTEGER NOT NULL,
  case_id         INTEGER NOT NULL REFERENCES cases (id),
  kind            TEXT NOT NULL,              -- risk_level | crisis
  level           TEXT NOT NULL,              -- high | critical
  message         TEXT NOT NULL,
  source_id       INTEGER,                    -- the assessment or service record
  raised_at       TEXT NOT NULL,
  acknowledged_by INTEGER REFERENCES users (id),
  acknowledged_at TEXT,
  note            TEXT NOT NULL DEFAULT ''
);
CREATE INDEX case_alerts_open ON case_alerts (organization_id, acknowledged_at);

CREATE TABLE referrals (
  id                 INTEGER PRIMARY KEY,
  organization_id    INTEGER NOT NULL,        -- the referring organization (owner of the case)
  case_id            INTEGER NOT NULL REFERENCES cases (id),
  to_organization_id INTEGER REFERENCES organizations (id),
  external_resource  TEXT NOT NULL DEFAULT '',
  mode               TEXT NOT NULL,            -- share | transfer | external
  reason             TEXT NOT NULL,
  status             TEXT NOT NULL,
  decided_by         INTEGER REFERENCES users (id),
  decided_at         TEXT,
  decision_reason    TEXT NOT NULL DEFAULT '',
  outcome            TEXT NOT NULL DEFAULT '',
  new_case_id        INTEGER REFERENCES cases (id),
  created_by         INTEGER REFERENCES users (id),
  created_at         TEXT NOT NULL
);
CREATE INDEX referrals_case ON referrals (case_id);
CREATE INDEX referrals_to ON referrals (to_organization_id, status);

-- Organizations a case is shared with (an accepted "share" referral): they may read it.
CREATE TABLE case_shares (
  organization_id INTEGER NOT NULL,
  case_id         INTEGER NOT NULL REFERENCES cases (id),
  shared_with     INTEGER NOT NULL REFERENCES organizations (id),
  referral_id     INTEGER NOT NULL REFERENCES referrals (id),
  created_at      TEXT NOT NULL,
  PRIMARY KEY (case_id, shared_with)
);
CREATE INDEX case_shares_with ON case_shares (shared_with);

CREATE TABLE case_closings (
  case_id         INTEGER PRIMARY KEY REFERENCES cases (id),
  organization_id INTEGER NOT NULL,
  reason          TEXT NOT NULL,
  summary         TEXT NOT NULL,
  goal_attainment TEXT NOT NULL,               -- [{goal_key, attainment}]
  recorded_by     INTEGER REFERENCES users (id),
  recorded_at     TEXT NOT NULL,
  signed_off_by   INTEGER REFERENCES users (id),
  signed_off_at   TEXT
);

CREATE TABLE case_follow_ups (
  id              INTEGER PRIMARY KEY,
  organization_id INTEGER NOT NULL,
  case_id         INTEGER NOT NULL REFERENCES cases (id),
  due_on          TEXT NOT NULL,
  done_on         TEXT,
  note            TEXT NOT NULL DEFAULT '',
  done_by         INTEGER REFERENCES users (id)
);
CREATE INDEX case_follow_ups_due ON case_follow_ups (organization_id, done_on, due_on);

-- 知情同意: given and possibly later withdrawn; never deleted.
CREATE TABLE consents (
  id              INTEGER PRIMARY KEY,
  organization_id INTEGER NOT NULL REFERENCES organizations (id),
  person_id       INTEGER NOT NULL REFERENCES persons (id),
  type            TEXT NOT NULL CHECK (type IN ('service', 'data_sharing', 'story_publication')),
  given_on        TEXT NOT NULL,
  withdrawn_on    TEXT,
  withdrawn_reason TEXT NOT NULL DEFAULT '',
  note            TEXT NOT NULL DEFAULT '',
  recorded_by     INTEGER REFERENCES users (id),
  created_at      TEXT NOT NULL
);
CREATE INDEX consents_person ON consents (person_id, type);
