-- Bangyi foundation schema: divisions, organizations, accounts, sessions, tokens, audit.
-- Every table holding organization data carries organization_id (see docs/deployment.md).

CREATE TABLE divisions (
  code        TEXT PRIMARY KEY,          -- district: 6 digits; street/town: 9 digits (NBS 2023)
  parent_code TEXT REFERENCES divisions (code),
  level       TEXT NOT NULL CHECK (level IN ('district', 'street')),
  name        TEXT NOT NULL,
  kind        TEXT NOT NULL,             -- 区, 街道, 镇, 乡, or the unit's own kind
  is_admin    INTEGER NOT NULL DEFAULT 1, -- 0 for farms, parks and zones acting as a township
  sort_order  INTEGER NOT NULL
);
CREATE INDEX divisions_parent ON divisions (parent_code, sort_order);

CREATE TABLE organizations (
  id                  INTEGER PRIMARY KEY,
  name                TEXT NOT NULL,
  credit_code         TEXT NOT NULL UNIQUE,
  org_type            TEXT NOT NULL CHECK (org_type IN ('social_group', 'social_service_agency', 'foundation', 'other')),
  rating              TEXT NOT NULL DEFAULT '' CHECK (rating IN ('', '1A', '2A', '3A', '4A', '5A')),
  registered_district TEXT NOT NULL REFERENCES divisions (code),
  contact_name        TEXT NOT NULL DEFAULT '',
  contact_phone       TEXT NOT NULL DEFAULT '',
  contact_email       TEXT NOT NULL DEFAULT '',
  address             TEXT NOT NULL DEFAULT '',
  status              TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
  version             INTEGER NOT NULL DEFAULT 1,
  created_at          TEXT NOT NULL,
  updated_at          TEXT NOT NULL
);
CREATE INDEX organizations_district ON organizations (registered_district, status);

-- Districts and streets an organization serves.
CREATE TABLE organization_service_areas (
  organization_id INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  division_code   TEXT NOT NULL REFERENCES divisions (code),
  PRIMARY KEY (organization_id, division_code)
);
CREATE INDEX organization_service_areas_division ON organization_service_areas (division_code);

CREATE TABLE users (
  id                   INTEGER PRIMARY KEY,
  username             TEXT NOT NULL UNIQUE,   -- stored lower-case
  display_name         TEXT NOT NULL,
  password_hash        TEXT,                   -- NULL: no password yet, an admin must set one
  organization_id      INTEGER REFERENCES organizations (id),
  status               TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  must_change_password INTEGER NOT NULL DEFAULT 0,
  last_login_at        TEXT,
  version              INTEGER NOT NULL DEFAULT 1,
  created_at           TEXT NOT NULL,
  updated_at           TEXT NOT NULL
);
CREATE INDEX users_organization ON users (organization_id);

CREATE TABLE role_assignments (
  id              INTEGER PRIMARY KEY,
  user_id         INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  organization_id INTEGER REFERENCES organizations (id),
  role            TEXT NOT NULL,
  scope_type      TEXT NOT NULL CHECK (scope_type IN ('platform', 'organization', 'district', 'street')),
  scope_id        TEXT NOT NULL DEFAULT '',
  UNIQUE (user_id, role, scope_type, scope_id)
);

CREATE TABLE sessions (
  id              INTEGER PRIMARY KEY,
  token_hash      TEXT NOT NULL UNIQUE,        -- SHA-256 of the cookie value; the token is never stored
  user_id         INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  organization_id INTEGER,
  csrf_token      TEXT NOT NULL,
  created_at      INTEGER NOT NULL,            -- unix seconds
  last_seen_at    INTEGER NOT NULL,
  expires_at      INTEGER NOT NULL,            -- absolute lifetime end
  ip              TEXT NOT NULL DEFAULT '',
  user_agent      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions (user_id);

-- Failed-login counters, per account ('user:NAME') and per client address ('ip:ADDR'). Kept in
-- the database so that several server processes share them.
CREATE TABLE login_failures (
  throttle_key    TEXT PRIMARY KEY,
  failures        INTEGER NOT NULL,
  first_failed_at INTEGER NOT NULL,
  locked_until    INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE api_tokens (
  id              INTEGER PRIMARY KEY,
  user_id         INTEGER NOT NULL REFERENCES users (id),
  organization_id INTEGER,
  name            TEXT NOT NULL,
  token_hash      TEXT NOT NULL UNIQUE,
  scopes          TEXT NOT NULL,               -- JSON array of permissions
  created_at      TEXT NOT NULL,
  last_used_at    TEXT,
  revoked_at      TEXT
);

-- Append-only: written in the same transaction as the change it records.
CREATE TABLE audit_events (
  id              INTEGER PRIMARY KEY,
  occurred_at     TEXT NOT NULL,
  actor_user_id   INTEGER,
  actor_username  TEXT,
  action          TEXT NOT NULL,
  entity_type     TEXT NOT NULL,
  entity_id       TEXT,
  organization_id INTEGER,
  changes         TEXT NOT NULL DEFAULT '{}',  -- {"field":{"from":..,"to":..}}; sensitive values never
  request_id      TEXT NOT NULL DEFAULT '',
  ip              TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_events_time ON audit_events (occurred_at);
CREATE INDEX audit_events_entity ON audit_events (entity_type, entity_id);
CREATE INDEX audit_events_actor ON audit_events (actor_user_id);
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN
  SELECT RAISE(ABORT, 'audit_events is append-only');
END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN
  SELECT RAISE(ABORT, 'audit_events is append-only');
END;
