-- Documents of applications and expense receipts (docs/rounds.md, docs/projects.md). The bytes
-- are stored once per SHA-256 under <data-dir>/attachments, as case attachments are.
CREATE TABLE documents (
  id              INTEGER PRIMARY KEY,
  organization_id INTEGER NOT NULL,
  owner_type      TEXT NOT NULL CHECK (owner_type IN ('application', 'expense')),
  owner_id        INTEGER NOT NULL,
  sha256          TEXT NOT NULL,
  content_type    TEXT NOT NULL,
  size_bytes      INTEGER NOT NULL,
  filename        TEXT NOT NULL,
  uploaded_by     INTEGER REFERENCES users (id),
  created_at      TEXT NOT NULL
);
CREATE INDEX documents_owner ON documents (owner_type, owner_id);
