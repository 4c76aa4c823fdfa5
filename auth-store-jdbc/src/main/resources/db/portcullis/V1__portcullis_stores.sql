-- The tables of every Portcullis store port. Flyway applies this file into the schema named by
-- auth.store.jdbc.schema, recording it in portcullis_schema_history (not flyway_schema_history),
-- so it coexists with the application's own migrations.
--
-- Written once for PostgreSQL and H2 in MODE=PostgreSQL. Instants are BIGINT nanoseconds since
-- 1970-01-01T00:00:00Z: exact for every java.time.Instant between 1677 and 2262 (later ones are
-- stored as the largest value), and plain integer arithmetic in both databases. Every lookup a
-- store makes has an index, named for the lookup it serves.

CREATE TABLE portcullis_users (
  id                  VARCHAR(255) NOT NULL,
  identifier          VARCHAR(320) NOT NULL,
  email               VARCHAR,
  name                VARCHAR,
  password_hash       VARCHAR NOT NULL,
  enabled             BOOLEAN NOT NULL,
  created_at          BIGINT NOT NULL,
  password_changed_at BIGINT NOT NULL,
  CONSTRAINT portcullis_users_pk PRIMARY KEY (id),
  -- findByIdentifier, and exactly one winner among concurrent registrations
  CONSTRAINT portcullis_users_identifier_uq UNIQUE (identifier)
);
-- list(offset, limit) pages by creation time, then id
CREATE INDEX portcullis_users_created_idx ON portcullis_users (created_at, id);

CREATE TABLE portcullis_user_roles (
  user_id VARCHAR(255) NOT NULL,
  role_name VARCHAR(255) NOT NULL,
  CONSTRAINT portcullis_user_roles_pk PRIMARY KEY (user_id, role_name),
  CONSTRAINT portcullis_user_roles_user_fk FOREIGN KEY (user_id)
    REFERENCES portcullis_users (id) ON DELETE CASCADE
);

CREATE TABLE portcullis_sessions (
  id               VARCHAR(255) NOT NULL,
  user_id          VARCHAR(255) NOT NULL,
  refresh_token_id VARCHAR(255) NOT NULL,
  created_at       BIGINT NOT NULL,
  last_active_at   BIGINT NOT NULL,
  expires_at       BIGINT NOT NULL,
  client_address   VARCHAR,
  user_agent       VARCHAR,
  revoked_at       BIGINT,
  CONSTRAINT portcullis_sessions_pk PRIMARY KEY (id)
);
-- listActive and revokeAllForUser
CREATE INDEX portcullis_sessions_user_idx ON portcullis_sessions (user_id, created_at);
-- purge
CREATE INDEX portcullis_sessions_expires_idx ON portcullis_sessions (expires_at);
CREATE INDEX portcullis_sessions_revoked_idx ON portcullis_sessions (revoked_at);

-- One row per key that has, or recently had, failures or locks. Reservations and failures lock
-- this row (SELECT ... FOR UPDATE), which serialises them per key across every instance.
CREATE TABLE portcullis_login_keys (
  login_key    VARCHAR(512) NOT NULL,
  -- end of the current or of the last lock, null if never locked since the last success or clear
  locked_until BIGINT,
  -- consecutive locks, for progressive lock durations
  lock_count   INTEGER NOT NULL,
  CONSTRAINT portcullis_login_keys_pk PRIMARY KEY (login_key)
);
-- activeLockouts
CREATE INDEX portcullis_login_keys_locked_idx ON portcullis_login_keys (locked_until);

-- Slots of a key: reservations in flight (kind R) and counted failures (kind F). A slot counts
-- while expires_at is in the future: a reservation for at most the policy's window, a failure for
-- the window after it happened (or until the end of the lock it caused).
CREATE TABLE portcullis_login_attempts (
  login_key  VARCHAR(512) NOT NULL,
  id         VARCHAR(64) NOT NULL,
  kind       CHAR(1) NOT NULL,
  expires_at BIGINT NOT NULL,
  CONSTRAINT portcullis_login_attempts_pk PRIMARY KEY (login_key, id),
  CONSTRAINT portcullis_login_attempts_kind_ck CHECK (kind IN ('R', 'F'))
);
-- purge
CREATE INDEX portcullis_login_attempts_expires_idx ON portcullis_login_attempts (expires_at);

CREATE TABLE portcullis_revoked_tokens (
  issuer     VARCHAR(512) NOT NULL,
  token_id   VARCHAR(255) NOT NULL,
  revoked_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  CONSTRAINT portcullis_revoked_tokens_pk PRIMARY KEY (issuer, token_id)
);
CREATE INDEX portcullis_revoked_tokens_expires_idx ON portcullis_revoked_tokens (expires_at);

CREATE TABLE portcullis_revoked_sessions (
  session_id VARCHAR(255) NOT NULL,
  revoked_at BIGINT NOT NULL,
  keep_until BIGINT NOT NULL,
  CONSTRAINT portcullis_revoked_sessions_pk PRIMARY KEY (session_id)
);
CREATE INDEX portcullis_revoked_sessions_keep_idx ON portcullis_revoked_sessions (keep_until);

CREATE TABLE portcullis_revoked_users (
  user_id    VARCHAR(255) NOT NULL,
  not_before BIGINT NOT NULL,
  keep_until BIGINT NOT NULL,
  CONSTRAINT portcullis_revoked_users_pk PRIMARY KEY (user_id)
);
CREATE INDEX portcullis_revoked_users_keep_idx ON portcullis_revoked_users (keep_until);

-- Token buckets as GCRA: full_at is when the bucket is full again (the "theoretical arrival
-- time"); a bucket whose full_at has passed is full, which is also what no row means.
CREATE TABLE portcullis_rate_limits (
  bucket_key VARCHAR(512) NOT NULL,
  full_at    BIGINT NOT NULL,
  CONSTRAINT portcullis_rate_limits_pk PRIMARY KEY (bucket_key)
);
CREATE INDEX portcullis_rate_limits_full_idx ON portcullis_rate_limits (full_at);

CREATE TABLE portcullis_reset_tokens (
  token_hash CHAR(64) NOT NULL,
  user_id    VARCHAR(255) NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  CONSTRAINT portcullis_reset_tokens_pk PRIMARY KEY (token_hash)
);
CREATE INDEX portcullis_reset_tokens_user_idx ON portcullis_reset_tokens (user_id);
CREATE INDEX portcullis_reset_tokens_expires_idx ON portcullis_reset_tokens (expires_at);

CREATE TABLE portcullis_audit (
  id             BIGINT GENERATED BY DEFAULT AS IDENTITY,
  type           VARCHAR(64) NOT NULL,
  occurred_at    BIGINT NOT NULL,
  user_id        VARCHAR(255),
  identifier     VARCHAR,
  client_address VARCHAR,
  detail         VARCHAR,
  CONSTRAINT portcullis_audit_pk PRIMARY KEY (id)
);
-- findByUser, newest first
CREATE INDEX portcullis_audit_user_idx ON portcullis_audit (user_id, occurred_at, id);
-- recent and purge
CREATE INDEX portcullis_audit_at_idx ON portcullis_audit (occurred_at, id);
