import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { testEnvironmentsConfig } from '../../__testUtils__/testConfig';
import { createOwnerNotifier } from './createOwnerNotifier';

const prodEntity = (spec: object, relations?: object[]) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'prod', namespace: 'default' },
  spec: { type: 'environment', ...spec },
  ...(relations && { relations }),
});

function setup(entity: object, send?: () => Promise<void>) {
  const sent: NotificationSendOptions[] = [];
  const logger = mockServices.logger.mock();
  const notifier = createOwnerNotifier({
    notifications: {
      send: send ?? (async n => void sent.push(n)),
    },
    catalog: catalogServiceMock({ entities: [entity as any] }),
    auth: mockServices.auth(),
    logger,
  });
  const prod = testEnvironmentsConfig().definitions[0];
  return { notifier, sent, logger, prod };
}

const message = { title: 't', description: 'd' };

describe('createOwnerNotifier', () => {
  it('sends to the owner of spec.owner when the catalog has no relations', async () => {
    const t = setup(prodEntity({ owner: 'platform-team' }));
    await t.notifier.notify(t.prod, 'approval', message);
    expect(t.sent).toEqual([
      {
        recipients: {
          type: 'entity',
          entityRef: ['group:default/platform-team'],
        },
        payload: {
          title: 't',
          description: 'd',
          severity: 'normal',
          link: '/catalog/default/resource/prod/environment',
          topic: 'environments:prod:approval',
          scope: 'environments:prod:approval',
        },
      },
    ]);
  });

  it('honours notify flags', async () => {
    const t = setup(prodEntity({ owner: 'platform-team' }));
    t.prod.notify = { ...t.prod.notify, approvals: false };
    await t.notifier.notify(t.prod, 'approval', message);
    await t.notifier.notify(t.prod, 'park-result', message);
    expect(t.sent.map(n => n.payload.topic)).toEqual([
      'environments:prod:park-result',
    ]);
  });

  it('tells no one, and says so, when the entity has no owner', async () => {
    const t = setup(prodEntity({}));
    await t.notifier.notify(t.prod, 'approval', message);
    expect(t.sent).toEqual([]);
    expect(t.logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('resource:default/prod has no owner'),
    );
  });

  it('logs a failed send instead of failing the caller', async () => {
    const t = setup(prodEntity({ owner: 'platform-team' }), async () => {
      throw new Error('notifications backend is down');
    });
    await expect(
      t.notifier.notify(t.prod, 'approval', message),
    ).resolves.toBeUndefined();
    expect(t.logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('notifications backend is down'),
    );
  });
});
