-- The authentication methods (RFC 8176) of the login an authorization code was issued for
-- (issue 16: a sign-in page with a second factor issues codes of ["pwd","otp"]), in order, joined
-- with a space. Every code before this version, and every row an instance still on version 8
-- inserts during a rolling upgrade, came from a password login: 'pwd'.
ALTER TABLE portcullis_authorization_codes ADD COLUMN amr VARCHAR(255) DEFAULT 'pwd' NOT NULL;
