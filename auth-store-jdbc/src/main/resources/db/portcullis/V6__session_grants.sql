-- Sessions granted to OAuth clients (issue 13), and the retry grace of refresh-token rotation.
--
-- client_id is null for a first-party login; scope is the granted scope tokens, sorted, joined
-- with a space ('' for none); amr the authentication methods (RFC 8176) in order, joined with a
-- space (Session refuses whitespace in either). absolute_expires_at is the end no refresh moves
-- (null: none); a rotation clamps expires_at to it. previous_refresh_token_id and rotated_at are
-- the token rotated away last and when, so that a retry within the caller's grace is told apart
-- from reuse by the same conditional UPDATE that rotates.
--
-- Every session before this version was a first-party password login: scope '', amr 'pwd', and
-- auth_time its created_at. The defaults of scope and amr also cover rows an instance still on
-- version 5 inserts during a rolling upgrade; such rows leave auth_time null, and the store reads
-- a null auth_time as created_at.
ALTER TABLE portcullis_sessions ADD COLUMN client_id VARCHAR(255);
ALTER TABLE portcullis_sessions ADD COLUMN scope VARCHAR DEFAULT '' NOT NULL;
ALTER TABLE portcullis_sessions ADD COLUMN auth_time BIGINT;
ALTER TABLE portcullis_sessions ADD COLUMN amr VARCHAR(1024) DEFAULT 'pwd' NOT NULL;
ALTER TABLE portcullis_sessions ADD COLUMN absolute_expires_at BIGINT;
ALTER TABLE portcullis_sessions ADD COLUMN previous_refresh_token_id VARCHAR(255);
ALTER TABLE portcullis_sessions ADD COLUMN rotated_at BIGINT;
UPDATE portcullis_sessions SET auth_time = created_at;
-- purge
CREATE INDEX portcullis_sessions_absolute_idx ON portcullis_sessions (absolute_expires_at);
