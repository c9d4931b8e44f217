import {
  evaluateCondition,
  interpolatePipelineValues,
  PipelineValues,
  workflowRuns,
} from './when';

const values: PipelineValues = {
  parameters: { a: true, b: false, n: 0, s: 'x', region: 'eu-west-2' },
  git: { branch: 'main', revision: 'a'.repeat(40) },
  project: { slug: 'gh/rlhatcher/rocket-club' },
  number: 7,
  triggerSource: 'api',
};
const p = (name: string) => `<< pipeline.parameters.${name} >>`;
const BRANCH = '<< pipeline.git.branch >>';

describe('interpolatePipelineValues', () => {
  it('keeps the type of a value that is one template, and substitutes in text', () => {
    expect(interpolatePipelineValues(p('a'), values)).toBe(true);
    expect(interpolatePipelineValues('<<pipeline.number>>', values)).toBe(7);
    expect(
      interpolatePipelineValues(
        `on ${BRANCH} of << pipeline.project.slug >>`,
        values,
      ),
    ).toBe('on main of gh/rlhatcher/rocket-club');
    expect(interpolatePipelineValues('<< pipeline.git.tag >>', values)).toBe(
      '',
    );
  });

  it.each([
    [p('nope'), 'Unknown variable(s): pipeline.parameters.nope'],
    ['<< pipeline.id >>', 'Unknown variable(s): pipeline.id'],
    ['<< parameters.a >>', 'Unknown variable(s): parameters.a'],
    [
      '<< pipeline.number >>',
      'pipeline.number has no value in this evaluation',
      { parameters: {} },
    ],
  ])('refuses %s, quoting it', (template, message, given = values) => {
    expect(() => interpolatePipelineValues(template, given)).toThrow(message);
  });
});

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
    [{ or: [p('b'), 0, ''] }, false],
    // CircleCI: statements with no arguments are falsy.
    [{ and: [] }, false],
    [{ or: [] }, false],
    [{ equal: [] }, false],
    [{ equal: ['main', BRANCH] }, true],
    [{ equal: ['dev', BRANCH] }, false],
    [{ equal: [true, p('a'), true] }, true],
    [{ equal: ['x-main', `${p('s')}-${BRANCH}`] }, true],
    [{ matches: { pattern: 'ma.*', value: BRANCH } }, true],
    [{ matches: { pattern: 'ma', value: BRANCH } }, false],
    [{ matches: { pattern: 'eu-.*', value: p('region') } }, true],
  ])('%j is %s', (condition, expected) => {
    expect(evaluateCondition(condition, values)).toBe(expected);
  });

  it.each([
    [p('missing'), 'Unknown variable(s): pipeline.parameters.missing'],
    [{ xor: [true] }, 'Unknown logic operator "xor"'],
    [{ and: true }, '"and" takes a list, got true'],
    [{ and: [], or: [] }, 'A logic statement has exactly one operator'],
    [{ matches: { value: BRANCH } }, '"matches" needs a pattern'],
    [
      { matches: { pattern: '(', value: BRANCH } },
      '"matches" has an invalid pattern "("',
    ],
  ])('refuses %j, quoting what is wrong', (condition, message) => {
    expect(() => evaluateCondition(condition, values)).toThrow(message);
  });
});

describe('workflowRuns', () => {
  it.each([
    [{}, true],
    [{ when: p('a') }, true],
    [{ when: p('b') }, false],
    [{ unless: p('a') }, false],
    [{ when: p('a'), unless: { equal: ['main', BRANCH] } }, false],
    [{ when: p('a'), unless: { equal: ['dev', BRANCH] } }, true],
  ])('%j runs: %s', (workflow, expected) => {
    expect(workflowRuns(workflow, values)).toBe(expected);
  });
});
