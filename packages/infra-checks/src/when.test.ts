import { evaluateCondition, resolveParameters, selectWorkflows } from './when';

const values = {
  parameters: { a: true, b: false, n: 0, s: 'x' },
  branch: 'main',
};
const p = (name: string) => `<< pipeline.parameters.${name} >>`;

describe('evaluateCondition', () => {
  it.each([
    [true, true],
    [false, false],
    ['', false],
    [0, false],
    [null, false],
    ['text', true],
    [p('a'), true],
    [p('b'), false],
    [p('n'), false],
    [{ not: p('b') }, true],
    [{ and: [p('a'), { not: p('b') }] }, true],
    [{ and: [p('a'), p('b')] }, false],
    [{ or: [p('b'), p('a')] }, true],
    [{ or: [p('b'), 0] }, false],
    [{ equal: ['main', '<< pipeline.git.branch >>'] }, true],
    [{ equal: ['dev', '<< pipeline.git.branch >>'] }, false],
    [{ equal: [true, p('a'), true] }, true],
    [{ equal: ['x-main', `${p('s')}-<< pipeline.git.branch >>`] }, true],
    [
      { matches: { pattern: 'ma.*', value: '<< pipeline.git.branch >>' } },
      true,
    ],
    [{ matches: { pattern: 'ma', value: '<< pipeline.git.branch >>' } }, false],
  ])('%j is %s', (condition, expected) => {
    expect(evaluateCondition(condition, values)).toBe(expected);
  });

  it('rejects undeclared parameters and unknown operators, quoting them', () => {
    expect(() => evaluateCondition(p('missing'), values)).toThrow(
      'Undeclared pipeline parameter "missing"',
    );
    expect(() => evaluateCondition({ xor: [true] }, values)).toThrow(
      'Unknown logic operator "xor"',
    );
    expect(() => evaluateCondition({ and: [] }, values)).toThrow(
      '"and" needs a non-empty list',
    );
  });
});

describe('selectWorkflows', () => {
  const config = {
    parameters: {
      deploy: { type: 'boolean', default: true },
      park: { type: 'boolean', default: false },
    },
    workflows: {
      deploy: { when: { and: [p('deploy'), { not: p('park') }] }, jobs: ['a'] },
      park: { when: p('park'), jobs: ['b'] },
      always: { jobs: ['c'] },
      notOnMain: {
        unless: { equal: ['main', '<< pipeline.git.branch >>'] },
        jobs: ['d'],
      },
    },
  };

  it('applies defaults, overrides and when/unless', () => {
    expect(selectWorkflows(config, {}, 'main')).toEqual(['deploy', 'always']);
    expect(selectWorkflows(config, { park: true }, 'main')).toEqual([
      'park',
      'always',
    ]);
    expect(selectWorkflows(config, { deploy: false }, 'dev')).toEqual([
      'always',
      'notOnMain',
    ]);
  });

  it('rejects parameters the config does not declare or of the wrong type', () => {
    expect(() =>
      resolveParameters(config.parameters, { parked: true }),
    ).toThrow('Unexpected pipeline parameter "parked"');
    expect(() =>
      resolveParameters(config.parameters, { park: 'true' }),
    ).toThrow('Pipeline parameter "park" is boolean, got "true"');
  });
});
