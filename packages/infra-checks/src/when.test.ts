import { selectWorkflows } from './when';

const p = (name: string) => `<< pipeline.parameters.${name} >>`;

describe('selectWorkflows', () => {
  const config = {
    parameters: {
      deploy: { type: 'boolean', default: true },
      park: { type: 'boolean', default: false },
    },
    workflows: {
      version: 2,
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
    expect(() => selectWorkflows(config, { parked: true }, 'main')).toThrow(
      'Invalid pipeline parameters for .circleci/config.yml: "parked" is not declared',
    );
    expect(() => selectWorkflows(config, { park: 'true' }, 'main')).toThrow(
      '"park" must be a boolean, got "true"',
    );
  });

  it('names a condition CircleCI could not compile', () => {
    expect(() =>
      selectWorkflows(
        { workflows: { w: { when: p('missing'), jobs: ['a'] } } },
        {},
        'main',
      ),
    ).toThrow('Unknown variable(s): pipeline.parameters.missing');
  });
});
