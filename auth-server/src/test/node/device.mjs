// The device authorization grant (RFC 8628) of a Portcullis server as openid-client runs it:
// initiateDeviceAuthorization, then pollDeviceAuthorizationGrant while the Java test approves (or
// denies) the user code in-process; a client that polls too fast gets slow_down, and
// openid-client's own polling loop then takes that grant over and catches up (it adds 5 s per
// slow_down; the server grows the interval once for early polls in a row, see the auth-oauth
// README, "Device grant"). Run by NodeDeviceInteropTest.
//
// Input, all from the environment:
//   DEVICE_ISSUER        the issuer URL (http only on loopback)
//   DEVICE_CLIENT_ID     a public client (auth method none) registered for the device grant and
//                        refresh_token, with the scopes "read write"
//   DEVICE_APPROVER_URL  where this script POSTs "approve <user_code>" or "deny <user_code>"; the
//                        Java test answers 204 once it has done so through DeviceFlow
//
// Output: one JSON line {"passed":[...],"failed":{"check":"reason",...}} on stdout.
// Exit 0 when every check passed, 1 when one failed, 2 on bad input.

import * as client from 'openid-client';

const env = (name) => {
  const value = process.env[name];
  if (!value) {
    console.error(`missing environment variable ${name}`);
    process.exit(2);
  }
  return value;
};

const issuer = env('DEVICE_ISSUER');
const clientId = env('DEVICE_CLIENT_ID');
const approver = env('DEVICE_APPROVER_URL');

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
  const parts = [error?.name, error?.code, error?.error, error?.status, error?.message];
  return parts.filter((p) => p !== undefined && p !== null && p !== '').join(' | ');
}

async function check(name, body) {
  console.error(`check ${name}`); // progress, for a run that times out
  try {
    await body();
    passed.push(name);
  } catch (error) {
    failed[name] = describe(error);
  }
}

// RFC 8414 discovery (/.well-known/oauth-authorization-server), as for a plain OAuth server.
const insecure = { execute: [client.allowInsecureRequests], algorithm: 'oauth2' };
let config;

/** One poll without openid-client's pacing: what a client that polls too fast sends. */
async function rawPoll(deviceCode) {
  const response = await fetch(config.serverMetadata().token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
      device_code: deviceCode,
      client_id: clientId,
    }),
  });
  return { status: response.status, body: await response.json() };
}

async function decide(decision, userCode) {
  const response = await fetch(approver, { method: 'POST', body: `${decision} ${userCode}` });
  expect(response.status === 204, `the approver answered ${response.status}`);
}

await check('discovery', async () => {
  config = await client.discovery(new URL(issuer), clientId, undefined, client.None(), insecure);
  const metadata = config.serverMetadata();
  expect(metadata.issuer === issuer, `issuer ${metadata.issuer}`);
  expect(
    metadata.device_authorization_endpoint === `${issuer}/oauth2/device_authorization`,
    `device_authorization_endpoint ${metadata.device_authorization_endpoint}`,
  );
  expect(
    metadata.grant_types_supported.includes('urn:ietf:params:oauth:grant-type:device_code'),
    'the device grant is not in grant_types_supported',
  );
});

await check('device_flow_approved', async () => {
  const started = await client.initiateDeviceAuthorization(config, { scope: 'read write' });
  expect(/^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/.test(started.user_code),
    'user_code is not XXXX-XXXX of the 20 consonants');
  expect(started.verification_uri === `${issuer}/device`, `verification_uri ${started.verification_uri}`);
  expect(started.verification_uri_complete.startsWith(`${issuer}/device?user_code=`),
    'verification_uri_complete');
  expect(Number.isInteger(started.interval) && started.interval >= 1, 'interval missing');
  const pending = await rawPoll(started.device_code);
  expect(pending.status === 400 && pending.body.error === 'authorization_pending',
    `first poll: ${pending.status} ${JSON.stringify(pending.body)}`);
  await decide('approve', started.user_code);
  const tokens = await client.pollDeviceAuthorizationGrant(config, started);
  expect(typeof tokens.access_token === 'string', 'no access_token');
  expect(typeof tokens.refresh_token === 'string', 'no refresh_token: the CLI would log in daily');
  expect(tokens.scope === 'read write', `scope ${tokens.scope}`);
  const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token);
  expect(typeof refreshed.access_token === 'string', 'the refresh token did not refresh');
  const again = await rawPoll(started.device_code);
  expect(again.body.error === 'invalid_grant', `a second redemption: ${JSON.stringify(again.body)}`);
});

await check('too_fast_is_slow_down', async () => {
  const started = await client.initiateDeviceAuthorization(config, { scope: 'read' });
  const first = await rawPoll(started.device_code);
  expect(first.body.error === 'authorization_pending', `first poll: ${JSON.stringify(first.body)}`);
  const second = await rawPoll(started.device_code);
  expect(second.status === 400 && second.body.error === 'slow_down',
    `an immediate second poll: ${second.status} ${JSON.stringify(second.body)}`);
});

await check('openid_client_catches_up_after_slow_down', async () => {
  const started = await client.initiateDeviceAuthorization(config, { scope: 'read' });
  await rawPoll(started.device_code);
  const early = await rawPoll(started.device_code);
  expect(early.body.error === 'slow_down', `an immediate second poll: ${JSON.stringify(early.body)}`);
  await decide('approve', started.user_code);
  // openid-client starts at the announced interval, below the grown one: it is told slow_down,
  // adds 5 s and must then get the tokens (before the fix it never caught up).
  const tokens = await client.pollDeviceAuthorizationGrant(config, started, undefined, {
    signal: AbortSignal.timeout(30_000),
  });
  expect(typeof tokens.access_token === 'string', 'no access_token');
});

await check('denied', async () => {
  const started = await client.initiateDeviceAuthorization(config, { scope: 'read' });
  await decide('deny', started.user_code);
  try {
    await client.pollDeviceAuthorizationGrant(config, started);
    throw new CheckFailed('a denied grant gave tokens');
  } catch (error) {
    if (error instanceof CheckFailed) {
      throw error;
    }
    expect(error?.error === 'access_denied', `denied grant: ${describe(error)}`);
  }
});

console.log(JSON.stringify({ passed, failed }));
if (Object.keys(failed).length > 0) {
  for (const [name, reason] of Object.entries(failed)) {
    console.error(`${name}: ${reason}`);
  }
  process.exit(1);
}
