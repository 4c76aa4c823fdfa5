-- Second factors (issue 16). V7 is left to the OAuth part 2 work; Flyway applies versions in order
-- and tolerates the gap.
--
-- portcullis_mfa_factors: at most one credential per user and type. secret is the factor's secret
-- as the factor stores it (a TOTP seed encrypted with AES-GCM under auth.mfa.encryption-key), never
-- in clear. last_used_step is the last accepted TOTP time step (-1: none); a code is accepted by
-- one conditional UPDATE ... WHERE last_used_step < ?, so of concurrent uses of one code exactly
-- one changes the row (replay refused). activated_at is NULL while the enrolment is pending.
CREATE TABLE portcullis_mfa_factors (
  id             VARCHAR(64) NOT NULL,
  user_id        VARCHAR(255) NOT NULL,
  factor_type    VARCHAR(32) NOT NULL,
  secret         VARCHAR(1024) NOT NULL,
  created_at     BIGINT NOT NULL,
  activated_at   BIGINT,
  last_used_step BIGINT NOT NULL,
  CONSTRAINT portcullis_mfa_factors_pk PRIMARY KEY (id),
  -- find(user, type), and one credential per user and type
  CONSTRAINT portcullis_mfa_factors_user_type_uq UNIQUE (user_id, factor_type)
);

-- portcullis_mfa_recovery_codes: unused recovery codes, hashed with the configured password
-- hasher; lookup_id is the code's public first characters, so one attempt costs one hash. A used
-- code is deleted (one DELETE: exactly one of concurrent uses removes it).
CREATE TABLE portcullis_mfa_recovery_codes (
  user_id   VARCHAR(255) NOT NULL,
  lookup_id VARCHAR(16) NOT NULL,
  code_hash VARCHAR(1024) NOT NULL,
  CONSTRAINT portcullis_mfa_recovery_codes_pk PRIMARY KEY (user_id, lookup_id)
);

-- portcullis_mfa_challenges: logins waiting for their second factor, keyed by the SHA-256 (hex) of
-- the 256-bit challenge token. Failures are counted by one conditional UPDATE; completion is one
-- DELETE (exactly one caller completes a challenge).
CREATE TABLE portcullis_mfa_challenges (
  token_hash          CHAR(64) NOT NULL,
  user_id             VARCHAR(255) NOT NULL,
  credentials_version BIGINT NOT NULL,
  authenticated_at    BIGINT NOT NULL,
  client_address      VARCHAR(255),
  user_agent          VARCHAR(1024),
  expires_at          BIGINT NOT NULL,
  failures            INTEGER NOT NULL,
  CONSTRAINT portcullis_mfa_challenges_pk PRIMARY KEY (token_hash)
);
-- deleteAll(user)
CREATE INDEX portcullis_mfa_challenges_user_idx ON portcullis_mfa_challenges (user_id);
-- purge(cutoff)
CREATE INDEX portcullis_mfa_challenges_expires_idx ON portcullis_mfa_challenges (expires_at);
