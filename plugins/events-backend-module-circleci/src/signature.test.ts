import { signCircleCiBody, verifyCircleCiSignature } from './signature';

const body = Buffer.from('{"type":"workflow-completed","id":"e1"}');

describe('verifyCircleCiSignature', () => {
  it('accepts the v1 HMAC-SHA256 of the raw body', () => {
    const header = signCircleCiBody(body, 's3cret');
    expect(header).toMatch(/^v1=[0-9a-f]{64}$/);
    expect(verifyCircleCiSignature(body, header, 's3cret')).toBe(true);
    expect(verifyCircleCiSignature(body, `v0=abc,${header}`, 's3cret')).toBe(
      true,
    );
  });

  it.each([
    ['another secret', signCircleCiBody(body, 'other')],
    ['another body', signCircleCiBody('{"id":"e2"}', 's3cret')],
    ['no header', undefined],
    ['a truncated signature', signCircleCiBody(body, 's3cret').slice(0, 20)],
    ['another version', signCircleCiBody(body, 's3cret').replace('v1', 'v2')],
    ['garbage', 'v1=zz'],
  ])('refuses %s', (_what, header) => {
    expect(verifyCircleCiSignature(body, header, 's3cret')).toBe(false);
  });

  it('refuses everything when no secret is configured', () => {
    expect(verifyCircleCiSignature(body, signCircleCiBody(body, ''), '')).toBe(
      false,
    );
  });
});
