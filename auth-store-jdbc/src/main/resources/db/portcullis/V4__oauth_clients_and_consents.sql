-- OAuth clients and the consents users gave them (ClientStore, ConsentStore).
--
-- A client is one row, replaced whole: its sets are normalised text columns (sorted, joined with a
-- space; none of their elements can contain one, OAuthClient refuses it), its redirect URIs keep
-- their order, one per line. The secret is stored only as a self-describing hash.
CREATE TABLE portcullis_oauth_clients (
  client_id             VARCHAR(255) NOT NULL,
  display_name          VARCHAR(255) NOT NULL,
  client_type           VARCHAR(16) NOT NULL,
  auth_methods          VARCHAR(255) NOT NULL,
  secret_hash           VARCHAR,
  jwks_uri              VARCHAR(2048),
  jwks                  VARCHAR,
  redirect_uris         VARCHAR NOT NULL,
  grant_types           VARCHAR(512) NOT NULL,
  scopes                VARCHAR NOT NULL,
  require_consent       BOOLEAN NOT NULL,
  access_token_audience VARCHAR,
  enabled               BOOLEAN NOT NULL,
  created_at            BIGINT NOT NULL,
  CONSTRAINT portcullis_oauth_clients_pk PRIMARY KEY (client_id),
  CONSTRAINT portcullis_oauth_clients_type_ck CHECK (client_type IN ('PUBLIC', 'CONFIDENTIAL'))
);
-- list(offset, limit) pages by creation time, then id
CREATE INDEX portcullis_oauth_clients_created_idx ON portcullis_oauth_clients (created_at, client_id);

-- One row per (user, client) that has a consent. A grant locks this row, so concurrent grants of
-- one pair run one after the other on every instance, and their scopes add up.
CREATE TABLE portcullis_consents (
  user_id    VARCHAR(255) NOT NULL,
  client_id  VARCHAR(255) NOT NULL,
  granted_at BIGINT NOT NULL,
  CONSTRAINT portcullis_consents_pk PRIMARY KEY (user_id, client_id)
);

-- The granted scopes, one row each; revoking the consent deletes them with it.
CREATE TABLE portcullis_consent_scopes (
  user_id   VARCHAR(255) NOT NULL,
  client_id VARCHAR(255) NOT NULL,
  scope_name VARCHAR(255) NOT NULL,
  CONSTRAINT portcullis_consent_scopes_pk PRIMARY KEY (user_id, client_id, scope_name),
  CONSTRAINT portcullis_consent_scopes_consent_fk FOREIGN KEY (user_id, client_id)
    REFERENCES portcullis_consents (user_id, client_id) ON DELETE CASCADE
);
