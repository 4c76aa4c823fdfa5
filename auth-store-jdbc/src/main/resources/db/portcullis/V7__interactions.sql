-- Server-side browser interactions of the authorization and device flows, by the SHA-256 of their
-- id (the id itself lives only in the browser's cookie). state is the flow's key/value state,
-- form-urlencoded; version grows by one at each update, which is a conditional UPDATE on the
-- previous version, so of concurrent updates exactly one wins.
CREATE TABLE portcullis_interactions (
  id_hash     CHAR(64) NOT NULL,
  kind        VARCHAR(32) NOT NULL,
  csrf_token  VARCHAR(128) NOT NULL,
  state       VARCHAR(32768) NOT NULL,
  version     BIGINT NOT NULL,
  created_at  BIGINT NOT NULL,
  expires_at  BIGINT NOT NULL,
  CONSTRAINT portcullis_interactions_pk PRIMARY KEY (id_hash)
);
CREATE INDEX portcullis_interactions_expires_idx ON portcullis_interactions (expires_at);
