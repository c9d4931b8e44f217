import {
  checkPipelineParameters,
  declaredPipelineParameters,
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
workflows: {}
`;
const source = '.circleci/config.yml@main';
const declared = declaredPipelineParameters(config, source);
const check = (parameters: Record<string, string | number | boolean>) =>
  checkPipelineParameters(declared, parameters, source);

describe('checkPipelineParameters', () => {
  it('accepts declared parameters of the declared types', () => {
    expect(() =>
      check({
        'park-infrastructure-mode': true,
        'terraform-prod-mode': false,
        retries: 3,
        region: 'eu-west-1',
        note: 'hello',
      }),
    ).not.toThrow();
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
  ])('names a mistyped parameter %j', (parameters, message) => {
    expect(() => check(parameters)).toThrow(message);
  });

  it('reports every problem at once', () => {
    expect(() => check({ a: 1, retries: 'x' })).toThrow(
      /"a" is not declared; "retries" must be an integer/,
    );
  });

  it('refuses a config that is not YAML', () => {
    expect(() => declaredPipelineParameters('a: [', source)).toThrow(
      /is not valid YAML/,
    );
  });
});
