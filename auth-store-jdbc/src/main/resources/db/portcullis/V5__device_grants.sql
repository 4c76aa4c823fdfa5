-- OAuth device authorization grants (RFC 8628), as SHA-256 hashes of the device code and of the
-- user code, each unique. status is PENDING, APPROVED, DENIED or CONSUMED; approval and denial are
-- conditional UPDATEs (only while PENDING), and a poll locks the row (SELECT ... FOR UPDATE) in one
-- transaction, so of concurrent polls exactly one sees the grant APPROVED and consumes it.
-- user_id, session_id, auth_time and credentials_version are set on approval. scope is the
-- space-separated scope tokens; interval_nanos the current polling interval.
CREATE TABLE portcullis_device_grants (
  device_code_hash    CHAR(64) NOT NULL,
  user_code_hash      CHAR(64) NOT NULL,
  client_id           VARCHAR(255) NOT NULL,
  scope               VARCHAR(4096) NOT NULL,
  created_at          BIGINT NOT NULL,
  expires_at          BIGINT NOT NULL,
  interval_nanos      BIGINT NOT NULL,
  last_polled_at      BIGINT,
  status              VARCHAR(16) NOT NULL,
  user_id             VARCHAR(255),
  session_id          VARCHAR(255),
  auth_time           BIGINT,
  credentials_version BIGINT,
  CONSTRAINT portcullis_device_grants_pk PRIMARY KEY (device_code_hash),
  CONSTRAINT portcullis_device_grants_user_code_uq UNIQUE (user_code_hash)
);
CREATE INDEX portcullis_device_grants_expires_idx ON portcullis_device_grants (expires_at);
