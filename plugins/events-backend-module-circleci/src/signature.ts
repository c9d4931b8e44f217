import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Verifies a CircleCI outbound webhook's `circleci-signature` header: one or
 * more comma-separated `<version>=<hex>` pairs, of which `v1` is the
 * HMAC-SHA256 of the raw body keyed with the webhook's secret. Compared in
 * constant time.
 */
export function verifyCircleCiSignature(
  rawBody: Buffer,
  header: string | string[] | undefined,
  secret: string,
): boolean {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (!value || !secret) {
    return false;
  }
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  return value.split(',').some(pair => {
    const [version, hex] = pair.trim().split('=', 2);
    if (version !== 'v1' || !hex || !/^[0-9a-f]+$/i.test(hex)) {
      return false;
    }
    const given = Buffer.from(hex, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

/**
 * Signs a body the way CircleCI does; for stand-ins and tests.
 */
export function signCircleCiBody(rawBody: Buffer | string, secret: string) {
  return `v1=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
}
