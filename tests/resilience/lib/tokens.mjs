// Access tokens signed the way the API signs them (HS256, kid, iss/aud/typ claims), so load generators can hold
// a valid token per user without a sign-in (and its Argon2 hash) each. Test and benchmark use only.
import { createHmac, randomBytes } from 'node:crypto';

const b64url = (x) => Buffer.from(x).toString('base64url');

/** keys: the NOTEJAM_JWT_KEYS value ("kid:base64[,...]"); the first key signs, as in the API. */
export function accessToken(keys, userId, { ttl = 3600, issuer = 'notejam', audience = 'notejam-api' } = {}) {
  const [kid, secret] = keys.split(',')[0].split(':');
  const now = Math.floor(Date.now() / 1000);
  const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid }));
  const claims = {
    iss: issuer, aud: audience, sub: String(userId), sid: randomBytes(16).toString('hex'), typ: 'access',
    jti: randomBytes(16).toString('hex'), iat: now, nbf: now, exp: now + ttl,
  };
  const body = `${header}.${b64url(JSON.stringify(claims))}`;
  const sig = createHmac('sha256', Buffer.from(secret, 'base64')).update(body).digest('base64url');
  return `${body}.${sig}`;
}
