import { ConfigReader } from '@backstage/config';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { findRepoRoot } from '@rocket-club/plugin-environments-node';
import { readEnvironmentsConfig } from './readEnvironmentsConfig';

const minimal = {
  circleci: { token: 't0ken' },
  definitions: {
    staging: {
      repository: { owner: 'o', name: 'r' },
      circleci: { projectSlug: 'github/o/r' },
      terraform: { root: 'infra/staging/' },
      workflows: { deploy: 'apply' },
    },
  },
};

describe('readEnvironmentsConfig', () => {
  it('reads the app-config.yaml of this repository', () => {
    const appConfig = parse(
      readFileSync(resolve(findRepoRoot(__dirname), 'app-config.yaml'), 'utf8'),
    );
    const config = readEnvironmentsConfig(new ConfigReader(appConfig));
    const prod = config.definitions.find(d => d.name === 'prod')!;
    expect(config.circleci).toMatchObject({
      baseUrl: 'http://localhost:7010/api/v2',
      appBaseUrl: 'http://localhost:7010/app',
    });
    expect(config.ingestion.schedule.frequency).toEqual({ seconds: 15 });
    expect(prod.entityRef).toBe('resource:default/prod');
    expect(prod.circleci.project.slug).toBe('gh/rlhatcher/rocket-club');
    expect(prod.terraform.path).toBe('infra/platform/infra/envs/prod/main.tf');
    expect(prod.parameters.park).toEqual({
      'park-infrastructure-mode': true,
      'terraform-prod-mode': false,
    });
    const deployer = prod.images.find(i => i.name === 'deployer')!;
    expect(
      deployer.tagPattern!.test('prefect-deployer-3-python3.12-abc1234'),
    ).toBe(true);
    expect(prod.images.find(i => i.name === 'base')!.tag).toBe(
      'prefect-3-python3.12-ecs',
    );
    expect(prod.endpoints.map(e => e.name)).toEqual(['portal', 'pipelines']);
    expect(prod.schedule).toEqual({
      park: '0 20 * * 1-5',
      unpark: '0 7 * * 1-5',
      timezone: 'Europe/London',
      warnBeforeMs: 30 * 60_000,
      actor: 'user:default/platform-scheduler',
    });
    expect(prod.costs).toEqual({ parkedSavingsPerHour: 1.25, currency: 'GBP' });
  });

  it('reads the images refresh schedule and the read-decision TTL', () => {
    const config = readEnvironmentsConfig(
      new ConfigReader({
        environments: {
          ...minimal,
          images: {
            schedule: { frequency: { minutes: 1 }, timeout: { seconds: 30 } },
          },
          cache: { ecrTtl: { minutes: 10 }, readDecisionTtl: '0s' },
        },
      }),
    );
    expect(config.images.schedule).toMatchObject({
      frequency: { minutes: 1 },
    });
    // Never shorter than the cache TTLs.
    expect(config.images.viewTtlMs).toBe(10 * 60_000);
    expect(config.cache.readDecisionTtlMs).toBe(0);
  });

  it('reads the housekeeping schedule', () => {
    const config = readEnvironmentsConfig(
      new ConfigReader({
        environments: {
          ...minimal,
          housekeeping: {
            schedule: { frequency: { minutes: 5 }, timeout: { minutes: 2 } },
          },
        },
      }),
    );
    expect(config.housekeeping.schedule).toEqual({
      frequency: { minutes: 5 },
      timeout: { minutes: 2 },
    });
  });

  it('rejects a housekeeping schedule without a frequency, naming the key', () => {
    expect(() =>
      readEnvironmentsConfig(
        new ConfigReader({
          environments: {
            ...minimal,
            housekeeping: { schedule: { timeout: { minutes: 2 } } },
          },
        }),
      ),
    ).toThrow(/frequency/);
  });

  it('fills in defaults', () => {
    const config = readEnvironmentsConfig(
      new ConfigReader({ environments: minimal }),
    );
    expect(config.circleci).toEqual({
      baseUrl: 'https://circleci.com/api/v2',
      appBaseUrl: 'https://app.circleci.com',
      token: 't0ken',
      webhookSecret: undefined,
      requestTimeoutMs: 10_000,
      maxRetries: 3,
    });
    expect(config.ingestion.maxPages).toBe(5);
    expect(config.probes).toMatchObject({
      timeoutMs: 5000,
      retentionMs: 7 * 24 * 3600_000,
    });
    expect(config.cache).toEqual({
      ecrTtlMs: 300_000,
      githubTtlMs: 300_000,
      readDecisionTtlMs: 10_000,
      statusTtlMs: 2000,
    });
    // The images view outlives three missed five-minute refreshes.
    expect(config.images).toEqual({
      schedule: {
        frequency: { minutes: 5 },
        timeout: { minutes: 2 },
        initialDelay: { seconds: 5 },
      },
      viewTtlMs: 15 * 60_000,
    });
    // The write side's housekeeping, every minute as it always ran.
    expect(config.housekeeping.schedule).toEqual({
      frequency: { minutes: 1 },
      timeout: { minutes: 1 },
      initialDelay: { seconds: 30 },
    });
    const [staging] = config.definitions;
    expect(staging).toMatchObject({
      title: 'staging',
      entityRef: 'resource:default/staging',
      repository: { host: 'github.com', owner: 'o', name: 'r' },
      terraform: { path: 'infra/staging/main.tf' },
      images: [],
      endpoints: [],
    });
    expect(staging.circleci.project.slug).toBe('gh/o/r');
  });

  it('reads without an environments block', () => {
    expect(readEnvironmentsConfig(new ConfigReader({})).definitions).toEqual(
      [],
    );
  });

  it.each([
    [{ local: 'l', ecrRepository: 'r' }, /exactly one of tagPattern and tag/],
    [
      { local: 'l', ecrRepository: 'r', tag: 'a', tagPattern: 'b' },
      /exactly one of tagPattern and tag/,
    ],
    [
      { local: 'l', ecrRepository: 'r', tagPattern: '(' },
      /tagPattern '\(' is not a valid regular expression/,
    ],
  ])('rejects the image %j', (image, message) => {
    const environments = {
      ...minimal,
      definitions: {
        staging: { ...minimal.definitions.staging, images: { x: image } },
      },
    };
    expect(() =>
      readEnvironmentsConfig(new ConfigReader({ environments })),
    ).toThrow(message);
  });

  it('rejects a bad project slug, quoting it', () => {
    const environments = {
      ...minimal,
      definitions: {
        staging: {
          ...minimal.definitions.staging,
          circleci: { projectSlug: 'gitlab/o' },
        },
      },
    };
    expect(() =>
      readEnvironmentsConfig(new ConfigReader({ environments })),
    ).toThrow("Invalid CircleCI project slug 'gitlab/o'");
  });
});
