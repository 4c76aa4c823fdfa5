// Interop checks of a Portcullis authorization server with software nobody on the team wrote:
// openid-client (discovery, grants, revocation, introspection), oauth4webapi
// (validateJwtAccessToken) and jose (a hand-made client assertion). Run by NodeInteropTest.
//
// Input, all from the environment (secrets never on the command line):
//   INTEROP_ISSUER            the issuer URL (http only on loopback)
//   INTEROP_AUDIENCE          the aud the clients' access tokens carry
//   INTEROP_BASIC_ID / _SECRET  a client registered with client_secret_basic (client_credentials,
//                             refresh_token; scopes "read write")
//   INTEROP_POST_ID / _SECRET   a client registered with client_secret_post (client_credentials),
//                             whose tokens are for INTEROP_AUDIENCE too
//   INTEROP_JWT_ID            a client registered with private_key_jwt (client_credentials),
//                             whose tokens are for another API than INTEROP_AUDIENCE
//   INTEROP_JWT_KEY           that client's private key, a JWK (JSON) with kid and alg
//   INTEROP_REFRESH_TOKEN     a refresh token of a user session of the basic client
//   INTEROP_REFRESH_TOKEN_2   a refresh token of a second such session (revoked here)
//
// Output: one JSON line {"passed":[...],"failed":{"check":"reason",...},"claims":{...}} on stdout.
// Exit 0 when every check passed, 1 when one failed (the reasons also go to stderr), 2 on bad input.

import * as client from 'openid-client';
import * as oauth from 'oauth4webapi';
import * as jose from 'jose';

const env = (name) => {
  const value = process.env[name];
  if (!value) {
    console.error(`missing environment variable ${name}`);
    process.exit(2);
  }
  return value;
};

const issuer = env('INTEROP_ISSUER');
const audience = env('INTEROP_AUDIENCE');
const basicId = env('INTEROP_BASIC_ID');
const basicSecret = env('INTEROP_BASIC_SECRET');
const postId = env('INTEROP_POST_ID');
const postSecret = env('INTEROP_POST_SECRET');
const jwtId = env('INTEROP_JWT_ID');
const jwtKey = JSON.parse(env('INTEROP_JWT_KEY'));
const refreshToken = env('INTEROP_REFRESH_TOKEN');
const refreshToken2 = env('INTEROP_REFRESH_TOKEN_2');

const passed = [];
const failed = {};
const claims = {};

class CheckFailed extends Error {}

function expect(condition, message) {
  if (!condition) {
    throw new CheckFailed(message);
  }
}

function describe(error) {
  if (error instanceof CheckFailed) {
    return error.message;
  }
  const parts = [error?.name, error?.code, error?.error, error?.status, error?.message];
  if (error?.cause && typeof error.cause === 'object') {
    parts.push(`cause: ${JSON.stringify(error.cause).slice(0, 500)}`);
  }
  return parts.filter((p) => p !== undefined && p !== null && p !== '').join(' | ');
}

async function check(name, body) {
  try {
    await body();
    passed.push(name);
  } catch (error) {
    failed[name] = describe(error);
  }
}

/** Runs `body`, which must fail with an OAuth error response `error` (and `status` if given). */
async function expectOAuthError(body, error, status) {
  let result;
  try {
    result = await body();
  } catch (e) {
    expect(
      e instanceof client.ResponseBodyError,
      `expected an OAuth error response "${error}", got: ${describe(e)}`,
    );
    expect(e.error === error, `expected error "${error}", got "${e.error}" (${e.error_description})`);
    if (status !== undefined) {
      expect(e.status === status, `expected HTTP ${status} for "${error}", got ${e.status}`);
    }
    return e;
  }
  throw new CheckFailed(`expected error "${error}", but the request succeeded: ${JSON.stringify(result)}`);
}

const insecure = { execute: [client.allowInsecureRequests], algorithm: 'oauth2' };
const issuerUrl = new URL(issuer);

const discover = (id, metadata, auth) => client.discovery(issuerUrl, id, metadata, auth, insecure);

let basic;
let post;
let privateKeyJwt;
let metadata;

// RFC 8414: the well-known document, its issuer equal to the one we asked for (openid-client
// refuses a mismatch), and every endpoint the clients below use.
await check('discovery', async () => {
  basic = await discover(basicId, undefined, client.ClientSecretBasic(basicSecret));
  metadata = basic.serverMetadata();
  expect(metadata.issuer === issuer, `issuer ${metadata.issuer} is not ${issuer} byte for byte`);
  for (const [field, path] of [
    ['token_endpoint', '/oauth2/token'],
    ['revocation_endpoint', '/oauth2/revoke'],
    ['introspection_endpoint', '/oauth2/introspect'],
  ]) {
    expect(metadata[field] === issuer + path, `${field} is ${metadata[field]}, not ${issuer}${path}`);
  }
  expect(typeof metadata.jwks_uri === 'string', 'no jwks_uri');
  for (const method of ['client_secret_basic', 'client_secret_post', 'private_key_jwt']) {
    expect(
      metadata.token_endpoint_auth_methods_supported?.includes(method),
      `token_endpoint_auth_methods_supported lacks ${method}`,
    );
  }
  for (const grant of ['client_credentials', 'refresh_token']) {
    expect(metadata.grant_types_supported?.includes(grant), `grant_types_supported lacks ${grant}`);
  }
  expect(
    !metadata.grant_types_supported?.includes('password'),
    'grant_types_supported offers the password grant',
  );
  post = await discover(postId, undefined, client.ClientSecretPost(postSecret));
  const key = await jose.importJWK(jwtKey, jwtKey.alg);
  privateKeyJwt = await discover(
    jwtId,
    undefined,
    client.PrivateKeyJwt({ key, kid: jwtKey.kid }),
  );
});

// The metadata's issuer is the configured one byte for byte, never derived from the Host the
// request came to: asked under another name, the same server is refused by openid-client.
await check('discovery_refuses_another_issuer_name', async () => {
  const other = new URL(issuer);
  other.hostname = 'localhost';
  let refused;
  try {
    await client.discovery(other, basicId, undefined, client.ClientSecretBasic(basicSecret), insecure);
  } catch (e) {
    refused = e;
  }
  expect(refused, `discovery under ${other.href} accepted the metadata of ${issuer}`);
  expect(
    refused.code === 'OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED',
    `discovery under another name failed for another reason: ${describe(refused)}`,
  );
});

if (!basic || !post || !privateKeyJwt) {
  finish();
}

function expectClientCredentialsResponse(tokens, scope) {
  expect(typeof tokens.access_token === 'string', 'no access_token');
  expect(tokens.token_type?.toLowerCase() === 'bearer', `token_type is ${tokens.token_type}`);
  expect(Number.isInteger(tokens.expires_in) && tokens.expires_in > 0, `expires_in is ${tokens.expires_in}`);
  expect(tokens.refresh_token === undefined, 'client credentials got a refresh token (RFC 6749 4.4.3)');
  if (scope !== undefined) {
    expect(tokens.scope === scope, `scope is "${tokens.scope}", not "${scope}"`);
  }
}

/** Validates `token` the way a resource server using oauth4webapi does (RFC 9068). */
function validateAccessToken(token) {
  const request = new Request('https://api.example.com/resource', {
    headers: { authorization: `Bearer ${token}` },
  });
  return oauth.validateJwtAccessToken(metadata, request, audience, {
    [oauth.allowInsecureRequests]: true,
  });
}

let basicToken;
await check('client_credentials_basic', async () => {
  const tokens = await client.clientCredentialsGrant(basic, { scope: 'read' });
  expectClientCredentialsResponse(tokens, 'read');
  basicToken = tokens.access_token;
  // Scope omitted: the client's registered scopes (design note).
  const all = await client.clientCredentialsGrant(basic);
  expectClientCredentialsResponse(all, 'read write');
});

await check('client_credentials_post', async () => {
  const tokens = await client.clientCredentialsGrant(post, { scope: 'read' });
  expectClientCredentialsResponse(tokens, 'read');
});

await check('client_credentials_private_key_jwt', async () => {
  const tokens = await client.clientCredentialsGrant(privateKeyJwt, { scope: 'read' });
  expectClientCredentialsResponse(tokens, 'read');
  const second = await client.clientCredentialsGrant(privateKeyJwt, { scope: 'read' });
  expectClientCredentialsResponse(second, 'read');
});

// RFC 7523 as profiled by the design note: a jti is single use. jose signs the assertion here so
// that the very same one can be sent twice.
await check('private_key_jwt_replay_refused', async () => {
  const key = await jose.importJWK(jwtKey, jwtKey.alg);
  const assertion = await new jose.SignJWT({})
    .setProtectedHeader({ alg: jwtKey.alg, kid: jwtKey.kid })
    .setIssuer(jwtId)
    .setSubject(jwtId)
    .setAudience(issuer)
    .setJti(crypto.randomUUID())
    .setIssuedAt()
    .setExpirationTime('60s')
    .sign(key);
  const send = () =>
    fetch(metadata.token_endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: jwtId,
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: assertion,
      }),
    });
  const first = await send();
  expect(first.status === 200, `the first use of an assertion answered ${first.status}: ${await first.text()}`);
  const again = await send();
  const body = await again.json().catch(() => ({}));
  expect(
    again.status === 401 && body.error === 'invalid_client',
    `a replayed assertion answered ${again.status} ${JSON.stringify(body)}, not 401 invalid_client`,
  );
});

// RFC 6749 5.2: a failed client authentication is 401 invalid_client in application/json, with
// WWW-Authenticate for Basic. openid-client surfaces a 401 that carries a challenge as a
// WWWAuthenticateChallengeError (scheme and realm parsed), the RFC 6749 error body still readable.
await check('wrong_secret_is_invalid_client', async () => {
  const wrong = await discover(basicId, undefined, client.ClientSecretBasic('not-the-secret'));
  let error;
  try {
    await client.clientCredentialsGrant(wrong);
  } catch (e) {
    error = e;
  }
  expect(error, 'a wrong secret got a token');
  expect(
    error instanceof client.WWWAuthenticateChallengeError,
    `expected a 401 with a Basic challenge, got: ${describe(error)}`,
  );
  expect(error.status === 401, `status is ${error.status}`);
  const schemes = error.cause.map((c) => c.scheme);
  expect(schemes.includes('basic'), `the challenge schemes are ${JSON.stringify(schemes)}`);
  const type = error.response.headers.get('content-type') ?? '';
  expect(type.startsWith('application/json'), `the error body is ${type}, not application/json`);
  const body = await error.response.json();
  expect(body.error === 'invalid_client', `error is ${JSON.stringify(body)}`);

  // client_secret_post: no Authorization header was sent, so a challenge is optional; either way
  // the body says invalid_client.
  const wrongPost = await discover(postId, undefined, client.ClientSecretPost('not-the-secret'));
  try {
    await client.clientCredentialsGrant(wrongPost);
    throw new CheckFailed('a wrong client_secret_post secret got a token');
  } catch (e) {
    if (e instanceof CheckFailed) throw e;
    expect(e.status === 401, `client_secret_post with a wrong secret answered ${e.status}`);
    const postBody =
      e instanceof client.ResponseBodyError ? { error: e.error } : await e.response.json();
    expect(postBody.error === 'invalid_client', `error is ${JSON.stringify(postBody)}`);
  }
});

await check('password_grant_unsupported', async () => {
  await expectOAuthError(
    () =>
      client.genericGrantRequest(basic, 'password', {
        username: 'someone@example.com',
        password: 'irrelevant',
      }),
    'unsupported_grant_type',
    400,
  );
});

await check('scope_beyond_registration_is_invalid_scope', async () => {
  await expectOAuthError(
    () => client.clientCredentialsGrant(post, { scope: 'read write' }),
    'invalid_scope',
    400,
  );
});

// RFC 9068 as a resource server using oauth4webapi checks it: typ at+jwt, iss, exp, aud, sub,
// client_id, iat, jti, signature from the published JWKS.
await check('validate_jwt_access_token_client', async () => {
  expect(basicToken, 'no client-credentials token to validate');
  const c = await validateAccessToken(basicToken);
  expect(c.iss === issuer, `iss is ${c.iss}`);
  expect(c.client_id === basicId, `client_id is ${c.client_id}`);
  expect(c.sub === basicId, `sub of a client-credentials token is ${c.sub}, not the client id`);
  expect(c.scope === 'read', `scope is ${c.scope}`);
  expect(c.sid === undefined, 'a client-credentials token has a sid');
  claims.client = c;
});

// RFC 6749 section 6 with rotation: each refresh answers a new refresh token, and the first one
// is refused afterwards (reuse), which also revokes the family (design note, issue 13).
await check('refresh_rotation', async () => {
  const first = await client.refreshTokenGrant(basic, refreshToken);
  expect(typeof first.access_token === 'string', 'no access_token');
  expect(typeof first.refresh_token === 'string', 'no rotated refresh_token');
  expect(first.refresh_token !== refreshToken, 'the refresh token did not rotate');
  expect(first.token_type?.toLowerCase() === 'bearer', `token_type is ${first.token_type}`);
  const second = await client.refreshTokenGrant(basic, first.refresh_token, { scope: 'read' });
  expect(typeof second.refresh_token === 'string', 'no second rotated refresh_token');
  expect(second.refresh_token !== first.refresh_token, 'the second refresh did not rotate');
  expect(second.scope === 'read', `a narrowed refresh answered scope "${second.scope}"`);

  const user = await validateAccessToken(second.access_token);
  expect(user.client_id === basicId, `client_id is ${user.client_id}`);
  expect(typeof user.sid === 'string', 'a user token has no sid');
  expect(user.sub !== basicId, 'a user token has the client as its subject');
  claims.user = user;

  const current = await client.tokenIntrospection(basic, second.refresh_token);
  expect(current.active === true, 'the current refresh token is not active');
  expect(current.token_type === 'refresh_token', `token_type is ${current.token_type}`);

  await expectOAuthError(() => client.refreshTokenGrant(basic, refreshToken), 'invalid_grant', 400);
  const after = await client.tokenIntrospection(basic, second.refresh_token);
  expect(after.active === false, 'reuse of a rotated refresh token left its family active');
});

// A refresh token is never an access token for a verifier that holds the public keys.
await check('refresh_token_refused_as_access_token', async () => {
  let accepted = false;
  try {
    await validateAccessToken(refreshToken2);
    accepted = true;
  } catch (e) {
    // Kept in the output, so that a refusal for the wrong reason (the JWKS unreachable) shows.
    claims.refresh_token_refusal = describe(e);
  }
  expect(!accepted, 'oauth4webapi accepted a refresh token as an access token');
});

// RFC 7662: authenticated callers; inactive is exactly {"active":false}.
await check('introspection', async () => {
  expect(basicToken, 'no access token to introspect');
  const active = await client.tokenIntrospection(basic, basicToken);
  expect(active.active === true, `a fresh token introspects as ${JSON.stringify(active)}`);
  for (const field of ['scope', 'client_id', 'sub', 'exp', 'iat', 'iss', 'aud', 'jti', 'token_type']) {
    expect(active[field] !== undefined, `an active token's introspection lacks ${field}`);
  }
  expect(active.token_type === 'Bearer', `token_type of an access token is ${active.token_type}`);
  expect(active.client_id === basicId, `client_id is ${active.client_id}`);
  expect(active.iss === issuer, `iss is ${active.iss}`);
  const aud = Array.isArray(active.aud) ? active.aud : [active.aud];
  expect(aud.includes(audience), `aud is ${JSON.stringify(active.aud)}`);

  const garbage = await client.tokenIntrospection(basic, 'not-a-token');
  expect(
    JSON.stringify(garbage) === '{"active":false}',
    `an unknown token introspects as ${JSON.stringify(garbage)}`,
  );
});

// RFC 7662 section 4 lets the server decide who may learn about a token (design note): the token's
// own client sees it active; another client, even one whose own tokens are issued for the same API
// (that proves nothing about being the API), and a client of another API see exactly
// {"active":false}.
await check('introspection_by_resource_servers', async () => {
  expect(basicToken, 'no access token to introspect');
  const own = await client.tokenIntrospection(basic, basicToken);
  expect(own.active === true, `the token's own client sees ${JSON.stringify(own)}`);
  const sameApi = await client.tokenIntrospection(post, basicToken);
  expect(
    JSON.stringify(sameApi) === '{"active":false}',
    `a client of the same API sees ${JSON.stringify(sameApi)}`,
  );
  const otherApi = await client.tokenIntrospection(privateKeyJwt, basicToken);
  expect(
    JSON.stringify(otherApi) === '{"active":false}',
    `a client of another API sees ${JSON.stringify(otherApi)}`,
  );
});

// RFC 7009: revoking an access token; another client's token is refused and stays active;
// unknown tokens are 200.
await check('revocation_access_token', async () => {
  const tokens = await client.clientCredentialsGrant(basic, { scope: 'read' });
  await expectOAuthError(
    () => client.tokenRevocation(post, tokens.access_token),
    'unauthorized_client',
  );
  const still = await client.tokenIntrospection(basic, tokens.access_token);
  expect(still.active === true, "another client's revocation changed the token");

  await client.tokenRevocation(basic, tokens.access_token, { token_type_hint: 'access_token' });
  const gone = await client.tokenIntrospection(basic, tokens.access_token);
  expect(JSON.stringify(gone) === '{"active":false}', `a revoked token introspects as ${JSON.stringify(gone)}`);

  await client.tokenRevocation(basic, 'not-a-token');
  await client.tokenRevocation(basic, tokens.access_token);
});

// Revoking a refresh token revokes its family and the access tokens it minted.
await check('revocation_refresh_token', async () => {
  const rotated = await client.refreshTokenGrant(basic, refreshToken2);
  const minted = rotated.access_token;
  expect((await client.tokenIntrospection(basic, minted)).active === true, 'a fresh user token is not active');
  await client.tokenRevocation(basic, rotated.refresh_token, { token_type_hint: 'refresh_token' });
  await expectOAuthError(
    () => client.refreshTokenGrant(basic, rotated.refresh_token),
    'invalid_grant',
    400,
  );
  const gone = await client.tokenIntrospection(basic, minted);
  expect(gone.active === false, 'an access token minted by a revoked refresh token is still active');
});

finish();

function finish() {
  const failures = Object.entries(failed);
  process.stdout.write(`${JSON.stringify({ passed, failed, claims })}\n`);
  for (const [name, reason] of failures) {
    console.error(`FAILED ${name}: ${reason}`);
  }
  process.exit(failures.length === 0 ? 0 : 1);
}
