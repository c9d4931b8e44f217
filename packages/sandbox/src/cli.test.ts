import { cliOptions } from './cli';

describe('sandbox command line', () => {
  it('binds four consecutive ports and reads flags over the environment', () => {
    const options = cliOptions(
      [
        '--port-base',
        '8010',
        '--step-ms',
        '500',
        '--delay-ms',
        '50',
        '--no-webhooks',
      ],
      { SANDBOX_STEP_MS: '9000', SANDBOX_WEBHOOK_SECRET: 's3cret' },
    )!;
    expect(options.ports).toEqual({
      circleci: 8010,
      github: 8011,
      ecr: 8012,
      endpoints: 8013,
    });
    expect(options.circleci).toEqual({
      stepMs: 500,
      webhooks: { enabled: false, url: undefined, secret: 's3cret' },
    });
    expect(options.faults?.ecr).toEqual({ delayMs: 50 });
    expect(options.contracts).toEqual({ mode: 'warn' });
  });

  it('defaults to 7010-7013 and refuses bad values, quoting them', () => {
    expect(cliOptions([], {})!.ports).toEqual({
      circleci: 7010,
      github: 7011,
      ecr: 7012,
      endpoints: 7013,
    });
    expect(() => cliOptions(['--step-ms', 'soon'], {})).toThrow(
      'Invalid step "soon"',
    );
    expect(() => cliOptions([], { SANDBOX_CONTRACTS: 'lax' })).toThrow(
      'Invalid contracts mode "lax"',
    );
    expect(cliOptions(['--help'], {})).toBeUndefined();
  });
});
