import { createHash, randomBytes } from 'node:crypto';
import type request from 'supertest';

type Http = () => ReturnType<typeof request>;

/** An agency's client-credentials token from the development issuer (secret 'dev-secret-' + id). */
export async function agencyToken(http: Http, agencyId: string): Promise<string> {
  const res = await http()
    .post('/dev-issuer/token')
    .type('form')
    .send({
      grant_type: 'client_credentials',
      client_id: agencyId,
      client_secret: `dev-secret-${agencyId}`,
    });
  if (res.status !== 200) throw new Error(`no token for ${agencyId}: ${res.status}`);
  return (res.body as { access_token: string }).access_token;
}

/**
 * A seeded person's access token, by the development issuer's authorization code flow with PKCE
 * (password 'dev-' + subject), without a browser: the code is taken from the redirect.
 */
export async function personToken(
  http: Http,
  subject: string,
  publicUrl = 'http://127.0.0.1:3000',
): Promise<string> {
  const verifier = randomBytes(32).toString('base64url');
  const redirectUri = `${publicUrl}/auth/callback`;
  const signedIn = await http()
    .post('/dev-issuer/authorize')
    .type('form')
    .send({
      response_type: 'code',
      client_id: 'victim-journey',
      redirect_uri: redirectUri,
      scope: 'openid',
      state: 'state-of-the-test',
      nonce: 'nonce-of-the-test',
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
      username: subject,
      password: `dev-${subject}`,
    });
  const code = new URL(String(signedIn.headers.location), redirectUri).searchParams.get('code');
  if (signedIn.status !== 302 || !code) throw new Error(`${subject} did not sign in`);
  const res = await http().post('/dev-issuer/token').type('form').send({
    grant_type: 'authorization_code',
    client_id: 'victim-journey',
    code,
    redirect_uri: redirectUri,
    code_verifier: verifier,
  });
  return (res.body as { access_token: string }).access_token;
}
