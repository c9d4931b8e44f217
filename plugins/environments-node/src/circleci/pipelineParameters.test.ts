import {
  checkPipelineParameters,
  declaredPipelineParameters,
  describePipelineParameterProblem,
  resolvePipelineParameters,
} from './pipelineParameters';

const config = `
version: 2.1
parameters:
  terraform-prod-mode:
    type: boolean
    default: true
  park-infrastructure-mode:
    type: boolean
    default: false
  retries:
    type: integer
    default: 1
  region:
    type: enum
    enum: [eu-west-2, eu-west-1]
    default: eu-west-2
  note:
    type: string
    default: ''
  secret:
    type: env_var_name
    default: TOKEN
workflows: {}
`;
const source = '.circleci/config.yml@main';
const declared = declaredPipelineParameters(config, source);
const check = (parameters: Record<string, unknown>) =>
  checkPipelineParameters(declared, parameters, source);

describe('checkPipelineParameters', () => {
  it('accepts declared parameters of the declared types, over the defaults', () => {
    expect(
      check({
        'park-infrastructure-mode': true,
        'terraform-prod-mode': false,
        retries: 3,
        region: 'eu-west-1',
      }),
    ).toEqual({
      'terraform-prod-mode': false,
      'park-infrastructure-mode': true,
      retries: 3,
      region: 'eu-west-1',
      note: '',
      secret: 'TOKEN',
    });
  });

  it('names an undeclared parameter', () => {
    expect(() => check({ 'park-mode': true })).toThrow(
      'Invalid pipeline parameters for .circleci/config.yml@main: "park-mode" is not declared',
    );
  });

  it.each([
    [
      { 'terraform-prod-mode': 'false' },
      '"terraform-prod-mode" must be a boolean, got "false"',
    ],
    [{ retries: 1.5 }, '"retries" must be an integer, got 1.5'],
    [
      { region: 'us-east-1' },
      '"region" must be one of ["eu-west-2","eu-west-1"], got "us-east-1"',
    ],
    [{ note: 7 }, '"note" must be a string, got 7'],
    [
      { secret: 'OTHER' },
      '"secret" is of type "env_var_name", which a pipeline trigger cannot set',
    ],
  ])('names a mistyped parameter and its value %j', (parameters, message) => {
    expect(() => check(parameters)).toThrow(message);
  });

  it('names a required parameter that is not given', () => {
    expect(() =>
      checkPipelineParameters({ name: { type: 'string' } }, {}, source),
    ).toThrow('"name" is required (it has no default) and was not given');
  });

  it('reports every problem at once', () => {
    expect(() => check({ a: 1, retries: 'x' })).toThrow(
      /"a" is not declared; "retries" must be an integer/,
    );
  });

  it('refuses a config that is not YAML, or whose parameters are not a mapping', () => {
    expect(() => declaredPipelineParameters('a: [', source)).toThrow(
      /is not valid YAML/,
    );
    expect(() =>
      declaredPipelineParameters('parameters: [a, b]', source),
    ).toThrow(`${source} has a malformed top-level "parameters"`);
  });
});

describe('resolvePipelineParameters', () => {
  const declarations = {
    deploy: { type: 'boolean', default: true },
    size: { type: 'integer', default: 1 },
    tier: { type: 'enum', enum: ['a', 'b'], default: 'a' },
    name: { type: 'string' },
  };

  it('fills in defaults and reports nothing for a good trigger', () => {
    expect(resolvePipelineParameters(declarations, { name: 'x' })).toEqual({
      values: { deploy: true, size: 1, tier: 'a', name: 'x' },
      problems: [],
    });
  });

  it('reports undeclared ones first, then the declared ones in declaration order', () => {
    const { problems } = resolvePipelineParameters(declarations, {
      tier: 'c',
      extra: 1,
      size: 1.5,
      more: true,
    });
    expect(problems).toEqual([
      { kind: 'undeclared', name: 'extra', value: 1 },
      { kind: 'undeclared', name: 'more', value: true },
      {
        kind: 'mistyped',
        name: 'size',
        value: 1.5,
        declaration: declarations.size,
      },
      {
        kind: 'mistyped',
        name: 'tier',
        value: 'c',
        declaration: declarations.tier,
      },
      { kind: 'missing', name: 'name' },
    ]);
    expect(problems.map(describePipelineParameterProblem)).toEqual([
      '"extra" is not declared',
      '"more" is not declared',
      '"size" must be an integer, got 1.5',
      '"tier" must be one of ["a","b"], got "c"',
      '"name" is required (it has no default) and was not given',
    ]);
  });

  it('does not take inherited names for declared ones', () => {
    expect(resolvePipelineParameters({}, { toString: true }).problems).toEqual([
      { kind: 'undeclared', name: 'toString', value: true },
    ]);
  });
});
