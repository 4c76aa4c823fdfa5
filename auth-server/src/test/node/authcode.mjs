// The authorization code flow with PKCE of a Portcullis server, as openid-client runs it
// (issue 14): OIDC discovery, the authorization URL with S256, state and nonce, the callback
// checked for state and iss (RFC 9207), the code exchanged with the verifier, the id_token
// validated (nonce, aud, azp) and verified against the JWKS with jose, userinfo, refresh, and a
// replayed code refused with the first tokens revoked. Run by AuthCodeNodeInteropTest.
//
// The browser part runs over real HTTP against the real pages: a cookie jar follows the
// authorization URL to the login page, posts the login form with its CSRF token (and the Origin a
// browser sends), posts the consent form when the page asks, and catches the 303 to the loopback
// redirect_uri without following it; openid-client then completes the code exchange.
//
// Input, from the environment: INTEROP_ISSUER, INTEROP_CLIENT_ID (a public client, auth method
// none, scopes "openid read", registered redirect http://127.0.0.1/callback), INTEROP_EMAIL and
// INTEROP_PASSWORD (the user the browser signs in), INTEROP_SUBJECT (that user's id).
// Output: one JSON line {"passed":[...],"failed":{"check":"reason"}} on stdout; exit 0 when every
// check passed, 1 otherwise, 2 on bad input.

import * as client from 'openid-client';
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
const clientId = env('INTEROP_CLIENT_ID');
const email = env('INTEROP_EMAIL');
const password = env('INTEROP_PASSWORD');
const subject = env('INTEROP_SUBJECT');
// Any port: the client registered http://127.0.0.1/callback (RFC 8252 section 7.3).
const redirectUri = 'http://127.0.0.1:49152/callback';

const passed = [];
const failed = {};

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
  return [error?.name, error?.code, error?.error, error?.status, error?.message]
    .filter((p) => p !== undefined && p !== null && p !== '')
    .join(' | ');
}

async function check(name, body) {
  try {
    await body();
    passed.push(name);
  } catch (error) {
    failed[name] = describe(error);
  }
}

async function expectFailure(body, what) {
  try {
    await body();
  } catch (e) {
    return e;
  }
  throw new CheckFailed(`${what} was accepted`);
}

/** A browser over HTTP: a cookie jar, forms with their CSRF token, redirects not followed. */
class Browser {
  jar = new Map();

  remember(response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === '' || attributes.some((a) => /^\s*max-age\s*=\s*0\s*$/i.test(a))) {
        this.jar.delete(name);
      } else {
        this.jar.set(name, value);
      }
    }
  }

  headers() {
    const cookie = [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
    return cookie ? { cookie } : {};
  }

  async get(url) {
    const response = await fetch(url, { redirect: 'manual', headers: this.headers() });
    this.remember(response);
    return { status: response.status, location: response.headers.get('location'), body: await response.text() };
  }

  async post(url, fields) {
    const response = await fetch(url, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        ...this.headers(),
        'content-type': 'application/x-www-form-urlencoded',
        origin: new URL(url).origin,
        'sec-fetch-site': 'same-origin',
      },
      body: new URLSearchParams(fields),
    });
    this.remember(response);
    return { status: response.status, location: response.headers.get('location'), body: await response.text() };
  }
}

const unescape = (text) => text.replaceAll('&amp;', '&').replaceAll('&quot;', '"').replaceAll('&#39;', "'");

/** The page's form: where it posts and its hidden fields (csrf, step). */
function form(page, what) {
  const action = /<form method="post" action="([^"]*)"/.exec(page.body);
  expect(action, `no form on the ${what} page (status ${page.status})`);
  const hidden = {};
  for (const m of page.body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) {
    hidden[m[1]] = unescape(m[2]);
  }
  expect(hidden.csrf, `no CSRF token on the ${what} page`);
  return { action: new URL(unescape(action[1]), issuer).href, hidden };
}

/** A user in a browser: the authorization URL, the login page, consent if asked, the callback. */
async function signIn(authorizationUrl) {
  const browser = new Browser();
  const loginPage = await browser.get(authorizationUrl.href);
  expect(loginPage.status === 200, `the authorization URL answered ${loginPage.status}`);
  expect(browser.jar.has('portcullis_authorize'), 'no interaction cookie');
  const login = form(loginPage, 'login');
  let page = await browser.post(login.action, { ...login.hidden, identifier: email, password });
  if (page.status === 200) {
    expect(page.body.includes('name="decision" value="approve"'), 'a 200 after login that is not the consent page');
    const consent = form(page, 'consent');
    page = await browser.post(consent.action, { ...consent.hidden, decision: 'approve' });
  }
  expect(page.status === 303 && page.location, `the flow ended with ${page.status}, not a redirect`);
  return new URL(page.location);
}

const insecure = { execute: [client.allowInsecureRequests] };
let config;
let tokens;
let callback;
let verifier;
let state;
let nonce;

// OIDC Discovery: /.well-known/openid-configuration under the issuer (algorithm "oidc").
await check('oidc_discovery', async () => {
  config = await client.discovery(new URL(issuer), clientId, undefined, client.None(), insecure);
  const m = config.serverMetadata();
  expect(m.issuer === issuer, `issuer ${m.issuer} is not ${issuer}`);
  expect(m.authorization_endpoint === `${issuer}/oauth2/authorize`, `authorization_endpoint ${m.authorization_endpoint}`);
  expect(m.userinfo_endpoint === `${issuer}/oauth2/userinfo`, `userinfo_endpoint ${m.userinfo_endpoint}`);
  expect(m.code_challenge_methods_supported?.includes('S256'), 'no S256');
  expect(!m.code_challenge_methods_supported?.includes('plain'), 'plain offered');
  expect(m.authorization_response_iss_parameter_supported === true, 'no RFC 9207 iss');
  expect(JSON.stringify(m.response_types_supported) === '["code"]', `response types ${m.response_types_supported}`);
  expect(m.id_token_signing_alg_values_supported?.includes('RS256'), 'no RS256 id tokens');
});

await check('code_with_pkce_state_iss_and_nonce', async () => {
  verifier = client.randomPKCECodeVerifier();
  state = client.randomState();
  nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid read',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  callback = await signIn(url);
  expect(callback.origin + callback.pathname === redirectUri, `redirected to ${callback.href}`);
  expect(callback.searchParams.get('iss') === issuer, 'no iss in the callback');
  // openid-client checks state, iss (the server says it sends it), the id_token and its nonce.
  tokens = await client.authorizationCodeGrant(config, callback, {
    pkceCodeVerifier: verifier,
    expectedState: state,
    expectedNonce: nonce,
    idTokenExpected: true,
  });
  const claims = tokens.claims();
  expect(claims.sub === subject, `sub ${claims.sub}`);
  expect(claims.aud === clientId || claims.aud?.includes?.(clientId), `aud ${claims.aud}`);
  expect(claims.azp === clientId, `azp ${claims.azp}`);
  expect(claims.nonce === nonce, 'nonce');
  expect(typeof claims.auth_time === 'number', 'no auth_time');
  expect(JSON.stringify(claims.amr) === '["pwd"]', `amr ${claims.amr}`);
  expect(tokens.scope === 'openid read', `scope ${tokens.scope}`);
  expect(typeof tokens.refresh_token === 'string', 'no refresh token');
});

await check('id_token_signature_rs256_against_the_jwks', async () => {
  const jwks = jose.createRemoteJWKSet(new URL(config.serverMetadata().jwks_uri));
  const { protectedHeader } = await jose.jwtVerify(tokens.id_token, jwks, {
    issuer,
    audience: clientId,
    algorithms: ['RS256'],
  });
  expect(protectedHeader.alg === 'RS256', `alg ${protectedHeader.alg}`);
  expect(protectedHeader.typ !== 'at+jwt', 'an id_token typed as an access token');
});

await check('userinfo', async () => {
  const info = await client.fetchUserInfo(config, tokens.access_token, subject);
  expect(info.sub === subject, `sub ${info.sub}`);
  expect(typeof info.email === 'string', 'no email');
  expect(info.email_verified === false || info.email_verified === true, 'no email_verified');
});

await check('a_wrong_state_or_iss_is_refused_by_the_client', async () => {
  const wrongState = new URL(callback);
  wrongState.searchParams.set('state', 'not-the-state');
  await expectFailure(
    () => client.authorizationCodeGrant(config, wrongState, { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce }),
    'a callback with another state',
  );
  const wrongIss = new URL(callback);
  wrongIss.searchParams.set('iss', 'https://evil.example.com');
  await expectFailure(
    () => client.authorizationCodeGrant(config, wrongIss, { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce }),
    'a callback with another iss',
  );
});

await check('refresh', async () => {
  const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token);
  expect(typeof refreshed.access_token === 'string', 'no access token');
  tokens = { ...tokens, access_token: refreshed.access_token, refresh_token: refreshed.refresh_token };
});

await check('a_replayed_code_is_invalid_grant_and_revokes_the_tokens', async () => {
  const e = await expectFailure(
    () => client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce }),
    'a replayed code',
  );
  expect(e.error === 'invalid_grant', `replay answered ${describe(e)}`);
  const after = await expectFailure(
    () => client.fetchUserInfo(config, tokens.access_token, subject),
    'userinfo with a token of a replayed code',
  );
  expect(after.status === 401 || after.code === 'OAUTH_WWW_AUTHENTICATE_CHALLENGE', `userinfo answered ${describe(after)}`);
});

await check('a_wrong_verifier_is_invalid_grant', async () => {
  const v = client.randomPKCECodeVerifier();
  const s = client.randomState();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'read',
    code_challenge: await client.calculatePKCECodeChallenge(v),
    code_challenge_method: 'S256',
    state: s,
  });
  const cb = await signIn(url);
  const e = await expectFailure(
    () => client.authorizationCodeGrant(config, cb, { pkceCodeVerifier: client.randomPKCECodeVerifier(), expectedState: s }),
    'a wrong code_verifier',
  );
  expect(e.error === 'invalid_grant', `answered ${describe(e)}`);
});

console.log(JSON.stringify({ passed, failed }));
for (const [name, reason] of Object.entries(failed)) {
  console.error(`${name}: ${reason}`);
}
process.exit(Object.keys(failed).length === 0 ? 0 : 1);
