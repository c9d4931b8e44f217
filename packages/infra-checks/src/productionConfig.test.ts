import { productionConfig, sandboxLeftovers } from './productionConfig';
import { findRepoRoot } from '@rocket-club/plugin-environments-node';

describe('production config', () => {
  const pairs = productionConfig(findRepoRoot());

  it('keeps nothing of the sandbox once app-config.production.yaml is applied', () => {
    expect(sandboxLeftovers(pairs)).toEqual([]);
  });

  it('points every upstream at the real service', () => {
    const value = (key: string) => pairs.find(([k]) => k === key)?.[1];
    expect(value('environments.circleci.baseUrl')).toBe(
      'https://circleci.com/api/v2',
    );
    expect(value('environments.ecr.endpoint')).toBe(
      'https://api.ecr.eu-west-2.amazonaws.com',
    );
    expect(value('integrations.github[0].apiBaseUrl')).toBe(
      'https://api.github.com',
    );
    expect(value('backend.database.client')).toBe('pg');
    expect(pairs.some(([k]) => k.startsWith('aws.accounts['))).toBe(false);
  });

  it('finds the sandbox in the local config (the check can fail)', () => {
    const local = productionConfig(findRepoRoot(), ['app-config.yaml']);
    expect(sandboxLeftovers(local)).toEqual(
      expect.arrayContaining([
        'environments.circleci.baseUrl = "http://localhost:7010/api/v2"',
        'environments.ecr.endpoint = "http://localhost:7012"',
      ]),
    );
  });
});
