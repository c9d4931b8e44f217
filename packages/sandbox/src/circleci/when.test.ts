import { evaluate, interpolate, PipelineValues } from './when';

const values: PipelineValues = {
  parameters: { deploy: true, park: false, region: 'eu-west-2', count: 0 },
  git: { branch: 'main', revision: 'a'.repeat(40) },
  project: { slug: 'gh/rlhatcher/rocket-club' },
  number: 7,
  triggerSource: 'api',
};

describe('CircleCI logic statements', () => {
  it('keeps the type of a value that is one template, and substitutes in text', () => {
    expect(interpolate('<< pipeline.parameters.deploy >>', values)).toBe(true);
    expect(interpolate('<<pipeline.number>>', values)).toBe(7);
    expect(
      interpolate(
        'on << pipeline.git.branch >> of << pipeline.project.slug >>',
        values,
      ),
    ).toBe('on main of gh/rlhatcher/rocket-club');
    expect(() => interpolate('<< pipeline.parameters.nope >>', values)).toThrow(
      'Unknown variable(s): pipeline.parameters.nope',
    );
  });

  it('evaluates and, or, not, equal and matches with CircleCI truthiness', () => {
    expect(evaluate('<< pipeline.parameters.deploy >>', values)).toBe(true);
    expect(evaluate('<< pipeline.parameters.count >>', values)).toBe(false);
    expect(
      evaluate(
        {
          and: [
            '<< pipeline.parameters.deploy >>',
            { not: '<< pipeline.parameters.park >>' },
          ],
        },
        values,
      ),
    ).toBe(true);
    expect(
      evaluate({ or: ['<< pipeline.parameters.park >>', false, ''] }, values),
    ).toBe(false);
    expect(
      evaluate({ equal: ['main', '<< pipeline.git.branch >>'] }, values),
    ).toBe(true);
    expect(
      evaluate({ equal: ['release', '<< pipeline.git.branch >>'] }, values),
    ).toBe(false);
    expect(
      evaluate(
        {
          matches: {
            pattern: 'eu-.*',
            value: '<< pipeline.parameters.region >>',
          },
        },
        values,
      ),
    ).toBe(true);
    expect(
      evaluate(
        {
          matches: { pattern: 'eu', value: '<< pipeline.parameters.region >>' },
        },
        values,
      ),
    ).toBe(false);
    expect(() => evaluate({ xor: [true] }, values)).toThrow(
      'Unknown logic operator "xor"',
    );
  });
});
