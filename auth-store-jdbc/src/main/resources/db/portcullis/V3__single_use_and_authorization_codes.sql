-- Keys used once per namespace until they expire (client-assertion jti, TOTP steps). The primary
-- key makes "insert or find it taken" one atomic statement across every instance.
CREATE TABLE portcullis_single_use (
  namespace  VARCHAR(64) NOT NULL,
  use_key    VARCHAR(255) NOT NULL,
  expires_at BIGINT NOT NULL,
  CONSTRAINT portcullis_single_use_pk PRIMARY KEY (namespace, use_key)
);
CREATE INDEX portcullis_single_use_expires_idx ON portcullis_single_use (expires_at);

-- OAuth authorization codes, as SHA-256 hashes. used_at is set once by a conditional UPDATE (only
-- while it is NULL), so exactly one redemption wins; the row stays until it expires so that a
-- replay is told apart from an unknown code. scope is the space-separated scope tokens.
CREATE TABLE portcullis_authorization_codes (
  code_hash           CHAR(64) NOT NULL,
  client_id           VARCHAR(255) NOT NULL,
  redirect_uri        VARCHAR(2048) NOT NULL,
  code_challenge      VARCHAR(43) NOT NULL,
  scope               VARCHAR(4096) NOT NULL,
  nonce               VARCHAR(512),
  user_id             VARCHAR(255) NOT NULL,
  session_id          VARCHAR(255) NOT NULL,
  auth_time           BIGINT NOT NULL,
  credentials_version BIGINT NOT NULL,
  created_at          BIGINT NOT NULL,
  expires_at          BIGINT NOT NULL,
  used_at             BIGINT,
  CONSTRAINT portcullis_authorization_codes_pk PRIMARY KEY (code_hash)
);
CREATE INDEX portcullis_authorization_codes_expires_idx
  ON portcullis_authorization_codes (expires_at);
