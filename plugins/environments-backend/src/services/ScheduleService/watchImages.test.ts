import type { EnvironmentImages } from '@rocket-club/plugin-environments-common';
import type { ScheduleStore } from '../../database/ScheduleStore';
import { testEnvironmentsConfig } from '../../__testUtils__/testConfig';
import type { NotificationKind } from '../OwnerNotifier/createOwnerNotifier';
import { watchImages } from './watchImages';

const NOW = new Date('2026-12-02T12:00:00.000Z');
const DAY = 24 * 3_600_000;

function setup(newestPushedDaysAgo: number, upToDate = false) {
  const claimed = new Set<string>();
  const store = {
    async claimNotification(env: string, key: string) {
      if (claimed.has(`${env}/${key}`)) return false;
      claimed.add(`${env}/${key}`);
      return true;
    },
  } as unknown as ScheduleStore;
  const sent: { kind: NotificationKind; title: string }[] = [];
  const images: EnvironmentImages = {
    environment: 'prod',
    images: [
      {
        name: 'deployer',
        local: 'prefect_deployer_image',
        ecrRepository: 'blog-data',
        bumpable: true,
        pinned: {
          reference: 'x',
          tag: 'prefect-deployer-3-python3.12-1a2b3c4',
        } as any,
        newest: {
          tag: 'prefect-deployer-3-python3.12-9f8e7d6',
          digest: 'sha256:new',
          pushedAt: new Date(
            NOW.getTime() - newestPushedDaysAgo * DAY,
          ).toISOString(),
        },
        upToDate,
        commitsBehind: 4,
      },
    ],
  } as EnvironmentImages;
  const deps = {
    store,
    images: { getImages: async () => images },
    notifier: {
      notify: async (
        _d: unknown,
        kind: NotificationKind,
        m: { title: string },
      ) => void sent.push({ kind, title: m.title }),
    },
  };
  const prod = testEnvironmentsConfig().definitions[0];
  return { deps, prod, sent };
}

describe('watchImages', () => {
  it('tells the owners once when the deployer is pinned more than N days behind', async () => {
    const t = setup(9);
    await watchImages(t.deps, t.prod, NOW);
    await watchImages(t.deps, t.prod, NOW);
    expect(t.sent).toEqual([
      { kind: 'pinned-behind', title: 'Production: deployer is 9 days behind' },
    ]);
  });

  it('stays quiet within N days, when up to date, or when turned off', async () => {
    const recent = setup(3);
    await watchImages(recent.deps, recent.prod, NOW);
    const current = setup(30, true);
    await watchImages(current.deps, current.prod, NOW);
    const off = setup(30);
    off.prod.notify = { ...off.prod.notify, pinnedBehindDays: 0 };
    await watchImages(off.deps, off.prod, NOW);
    expect([...recent.sent, ...current.sent, ...off.sent]).toEqual([]);
  });
});
