// A real OpenID Connect provider for Entente's browser tests, shaped like ProConnect:
// issuer http://127.0.0.1:PORT/api/v2, endpoints /authorize, /token, /userinfo (a signed JWT),
// /jwks, /session/end; PKCE required; acr "eidas1"; claims email, given_name, usual_name, siret.
// Its login page takes an e-mail address (no password: the test's person is whoever is typed).
// Configuration from the environment (see tests/e2e/oidc.py). Also serves /other-jwks: a key
// with the same key id that signed nothing, to check that Entente refuses a bad signature.
import crypto from 'node:crypto';
import http from 'node:http';
import querystring from 'node:querystring';

import Provider from 'oidc-provider';

const env = process.env;
const port = Number(env.OIDC_PORT);
const issuer = `http://127.0.0.1:${port}/api/v2`;
const accounts = JSON.parse(env.OIDC_ACCOUNTS || '{}'); // e-mail -> extra claims (siret, names)

function signingKey() {
  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid: 'entente-test', alg: 'RS256', use: 'sig' };
}
const key = signingKey();
const { d, p, q, dp, dq, qi, ...otherPublic } = signingKey(); // eslint-disable-line no-unused-vars

const escapeHtml = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const page = (title, body) => `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;

const provider = new Provider(issuer, {
  clients: [{
    client_id: env.OIDC_CLIENT_ID,
    client_secret: env.OIDC_CLIENT_SECRET,
    redirect_uris: [env.OIDC_REDIRECT_URI],
    post_logout_redirect_uris: [env.OIDC_POST_LOGOUT_URI],
    token_endpoint_auth_method: 'client_secret_post',
    id_token_signed_response_alg: 'RS256',
    userinfo_signed_response_alg: 'RS256',
  }],
  jwks: { keys: [key] },
  pkce: { required: () => true },
  acrValues: ['eidas1'],
  scopes: ['openid', 'email', 'given_name', 'usual_name', 'siret'],
  claims: {
    acr: null, email: ['email'], given_name: ['given_name'], usual_name: ['usual_name'], siret: ['siret'],
  },
  features: {
    devInteractions: { enabled: false },
    claimsParameter: { enabled: true },
    jwtUserinfo: { enabled: true },
    rpInitiatedLogout: {
      enabled: true,
      logoutSource: async (ctx, form) => {
        ctx.body = page('Déconnexion', `<h1>Se déconnecter de ProConnect (test)</h1>${form}<button form="op.logoutForm" type="submit" value="yes" name="logout">Oui, me déconnecter</button>`);
      },
    },
  },
  routes: {
    authorization: '/authorize', token: '/token', userinfo: '/userinfo', jwks: '/jwks', end_session: '/session/end',
  },
  ttl: { AuthorizationCode: Number(env.OIDC_CODE_TTL || 60) },
  cookies: { keys: [crypto.randomBytes(32).toString('hex')] },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  findAccount: async (ctx, id) => ({
    accountId: id,
    claims: async () => ({ sub: id, email: id, ...(accounts[id] || {}) }),
  }),
});
provider.proxy = false;

async function interaction(req, res, uid, action) {
  const details = await provider.interactionDetails(req, res);
  if (details.prompt.name === 'login') {
    if (action !== 'login') {
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.end(page('ProConnect (test)', `<h1>Connexion ProConnect de test</h1>
        <form method="post" action="/interaction/${escapeHtml(uid)}/login">
        <label for="login">Adresse électronique professionnelle</label>
        <input id="login" name="login" type="email" autocomplete="off"><button type="submit">Continuer</button></form>`));
      return;
    }
    const body = await new Promise((resolve) => {
      let data = '';
      req.on('data', (chunk) => { data += chunk; });
      req.on('end', () => resolve(querystring.parse(data)));
    });
    await provider.interactionFinished(req, res, { login: { accountId: String(body.login).toLowerCase(), acr: 'eidas1' } }, { mergeWithLastSubmission: false });
    return;
  }
  // Consent is implied, as at ProConnect: every scope and claim the client asked for.
  const { session, params, prompt } = details;
  const grant = details.grantId ? await provider.Grant.find(details.grantId) : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
  if (prompt.details.missingOIDCScope) grant.addOIDCScope(prompt.details.missingOIDCScope.join(' '));
  if (prompt.details.missingOIDCClaims) grant.addOIDCClaims(prompt.details.missingOIDCClaims);
  const grantId = await grant.save();
  await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
}

const callback = provider.callback();
http.createServer(async (req, res) => {
  try {
    const match = req.url.match(/^\/interaction\/([^/?]+)(?:\/(login))?/);
    if (match) {
      await interaction(req, res, match[1], match[2]);
    } else if (req.url === '/other-jwks') {
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ keys: [otherPublic] }));
    } else if (req.url.startsWith('/api/v2/')) {
      req.originalUrl = req.url;
      req.url = req.url.slice('/api/v2'.length);
      callback(req, res);
    } else {
      res.statusCode = 404;
      res.end('not found');
    }
  } catch (error) {
    res.statusCode = 500;
    res.end(String(error));
  }
}).listen(port, '127.0.0.1', () => console.log(`oidc-provider ready on ${issuer}`)); // eslint-disable-line no-console
