import { idempotencyKey } from './mutation';

describe('idempotencyKey', () => {
  const task = { id: '3f1c2a9e-7d4b-4c1a-9f0e-2b8d6c5a4e31' };
  const ctx = (stepId?: string) => ({
    task,
    step: stepId === undefined ? undefined : { id: stepId },
    checkpoint: async () => undefined as any,
  });

  it('is stable for the same task, step and request', () => {
    const request = { environment: 'prod', operation: 'park' };
    expect(idempotencyKey(ctx('park'), 'environments:park', request)).toBe(
      idempotencyKey(ctx('park'), 'environments:park', { ...request }),
    );
    expect(idempotencyKey(ctx('park'), 'environments:park', request)).toMatch(
      /^scaffolder:3f1c2a9e-7d4b-4c1a-9f0e-2b8d6c5a4e31:park:[0-9a-f]{16}$/,
    );
  });

  it('differs per step, action and request', () => {
    const keys = new Set([
      idempotencyKey(ctx('a'), 'environments:park', {}),
      idempotencyKey(ctx('b'), 'environments:park', {}),
      idempotencyKey(ctx('a'), 'environments:unpark', {}),
      idempotencyKey(ctx('a'), 'environments:park', { environment: 'qa' }),
      idempotencyKey(ctx(), 'environments:park', {}),
    ]);
    expect(keys.size).toBe(5);
  });

  it('stays short and distinct for long step ids that share a prefix', () => {
    const long = 'x'.repeat(300);
    const a = idempotencyKey(ctx(`${long}-a`), 'environments:park', {});
    const b = idempotencyKey(ctx(`${long}-b`), 'environments:park', {});
    expect(a.length).toBeLessThanOrEqual(129);
    expect(a).not.toBe(b);
  });
});
