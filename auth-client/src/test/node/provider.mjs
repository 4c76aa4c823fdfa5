// node-oidc-provider as an authorization server nobody on the team wrote, for auth-client's
// interop tests (OidcProviderInteropTest through OidcProviderProcess).
//
//   node provider.mjs [PORT]        (or PORT in the environment; 0 or nothing: a free port)
//
// Listens on 127.0.0.1 only, with the issuer http://127.0.0.1:PORT, and prints one ready line
//   {"ready":true,"port":PORT,"issuer":"http://127.0.0.1:PORT","version":"9.x.y"}
// once it accepts connections. The Java test passes:
//   CLIENT_SECRET    the secret of the client_secret_basic client (svc-basic)
//   CLIENT_JWKS      the public JWKS ({"keys":[...]}) of the private_key_jwt client (svc-jwt)
// Clients:
//   cli          public native app (token_endpoint_auth_method none): code + PKCE, device, refresh
//   svc-basic    client_secret_basic: client credentials, code + PKCE, device, refresh
//   svc-jwt      private_key_jwt: the same grants as svc-basic
// The user side is node-oidc-provider's devInteractions (any login, any password), which the Java
// test drives over HTTP with a cookie jar.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Provider from 'oidc-provider';

const requestedPort = Number(process.argv[2] ?? process.env.PORT ?? 0);
const secret = process.env.CLIENT_SECRET;
const jwks = process.env.CLIENT_JWKS;
if (!secret || !jwks) {
  console.error('CLIENT_SECRET and CLIENT_JWKS must be set (see the comment at the top)');
  process.exit(2);
}
const version = JSON.parse(
  readFileSync(
    fileURLToPath(new URL('./node_modules/oidc-provider/package.json', import.meta.url)),
    'utf8',
  ),
).version;

const DEVICE_CODE = 'urn:ietf:params:oauth:grant-type:device_code';
const USER_GRANTS = ['authorization_code', 'refresh_token', DEVICE_CODE];
const REDIRECT_URIS = ['http://127.0.0.1/callback']; // native: any loopback port (RFC 8252 7.3)

const server = createServer();
server.listen(requestedPort, '127.0.0.1', () => {
  const { port } = server.address();
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'cli',
        application_type: 'native',
        token_endpoint_auth_method: 'none',
        grant_types: USER_GRANTS,
        response_types: ['code'],
        redirect_uris: REDIRECT_URIS,
      },
      {
        client_id: 'svc-basic',
        client_secret: secret,
        application_type: 'native',
        token_endpoint_auth_method: 'client_secret_basic',
        grant_types: ['client_credentials', ...USER_GRANTS],
        response_types: ['code'],
        redirect_uris: REDIRECT_URIS,
        scope: 'openid offline_access api:read api:write',
      },
      {
        client_id: 'svc-jwt',
        application_type: 'native',
        token_endpoint_auth_method: 'private_key_jwt',
        jwks: JSON.parse(jwks),
        grant_types: ['client_credentials', ...USER_GRANTS],
        response_types: ['code'],
        redirect_uris: REDIRECT_URIS,
        scope: 'openid offline_access api:read api:write',
      },
    ],
    scopes: ['openid', 'offline_access', 'api:read', 'api:write'],
    cookies: { keys: ['portcullis-interop-cookie-key-not-a-secret'] },
    findAccount: async (_ctx, id) => ({ accountId: id, claims: async () => ({ sub: id }) }),
    features: {
      devInteractions: { enabled: true },
      deviceFlow: { enabled: true },
      clientCredentials: { enabled: true },
      revocation: { enabled: true },
      introspection: { enabled: true },
    },
    pkce: { required: () => true },
    // The device and code flows get a refresh token without the offline_access ceremony.
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    // Every refresh rotates, so a replayed refresh token is refused (and ends the grant).
    rotateRefreshToken: true,
    ttl: {
      AccessToken: 600,
      ClientCredentials: 600,
      AuthorizationCode: 60,
      DeviceCode: 600,
      IdToken: 600,
      RefreshToken: 86400,
      Interaction: 600,
      Session: 3600,
      Grant: 86400,
    },
  });
  provider.on('server_error', (_ctx, err) => console.error('server_error', err));
  server.on('request', provider.callback());
  console.log(JSON.stringify({ ready: true, port, issuer, version }));
});

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
