-- Whatever is derived from a password (a session at login, a reset link) remembers the version of
-- the credentials it was derived under; a password change or reset moves the version with a
-- compare-and-set, so nothing derived earlier can be used after it, whatever interleaves.
ALTER TABLE portcullis_users ADD COLUMN credentials_version BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE portcullis_reset_tokens ADD COLUMN credentials_version BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE portcullis_sessions ADD COLUMN credentials_version BIGINT DEFAULT 0 NOT NULL;

-- Whether control of the e-mail address was proven (completed reset, identity provider, operator).
-- Accounts that existed before this migration are unproven: user sync removes the password of an
-- unproven account before linking an external identity to it (see the auth-server README).
ALTER TABLE portcullis_users ADD COLUMN email_verified BOOLEAN DEFAULT FALSE NOT NULL;

-- Reset links issued before this migration were not bound to a credentials version, and one of
-- them may have been kept alive past a password change by the defect this version closes: they
-- all end here (a user who still needs one asks again).
DELETE FROM portcullis_reset_tokens;
