-- Registry: households and their members. Sensitive fields (*_enc) hold XChaCha20-Poly1305
-- ciphertext made with the key in secrets.key; id_number_bidx is a keyed BLAKE2b blind index
-- of the normalized resident ID number, for exact search without decrypting.

CREATE TABLE households (
  id              INTEGER PRIMARY KEY,
  organization_id INTEGER NOT NULL REFERENCES organizations (id),
  district_code   TEXT NOT NULL REFERENCES divisions (code),
  street_code     TEXT NOT NULL REFERENCES divisions (code),
  community       TEXT NOT NULL DEFAULT '',   -- 居委/村委, free text
  address_enc     TEXT NOT NULL DEFAULT '',   -- detail line, encrypted
  address_masked  TEXT NOT NULL DEFAULT '',   -- what lists show: first characters only
  categories      TEXT NOT NULL DEFAULT '[]', -- [{"category","certificate","valid_from","valid_to"}]
  notes           TEXT NOT NULL DEFAULT '',
  version         INTEGER NOT NULL DEFAULT 1,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL
);
CREATE INDEX households_organization ON households (organization_id, street_code);

CREATE TABLE persons (
  id              INTEGER PRIMARY KEY,
  organization_id INTEGER NOT NULL REFERENCES organizations (id),
  household_id    INTEGER NOT NULL REFERENCES households (id),
  relation        TEXT NOT NULL,              -- to the head: head, spouse, child, parent, …
  name            TEXT NOT NULL,
  gender          TEXT NOT NULL CHECK (gender IN ('male', 'female')),
  birth_date      TEXT NOT NULL,              -- YYYY-MM-DD
  id_number_enc   TEXT NOT NULL DEFAULT '',
  id_number_bidx  TEXT,
  id_number_masked TEXT NOT NULL DEFAULT '', -- 310***********0178: shown by default, not secret
  phone_enc       TEXT NOT NULL DEFAULT '',
  phone_masked    TEXT NOT NULL DEFAULT '',
  conditions_enc  TEXT NOT NULL DEFAULT '',   -- health, disability: encrypted JSON
  version         INTEGER NOT NULL DEFAULT 1,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL
);
CREATE INDEX persons_household ON persons (household_id);
CREATE INDEX persons_id_bidx ON persons (id_number_bidx);
