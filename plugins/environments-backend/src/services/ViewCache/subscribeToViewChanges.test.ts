import { mockServices } from '@backstage/backend-test-utils';
import { DefaultEventsService } from '@backstage/plugin-events-node';
import { createViewCache } from './createViewCache';
import { subscribeToViewChanges } from './subscribeToViewChanges';

describe('subscribeToViewChanges', () => {
  it('drops the views of the environment named by an environments signal, per instance', async () => {
    const events = DefaultEventsService.create({
      logger: mockServices.logger.mock(),
    });
    const a = createViewCache({ ttlMs: 60_000 });
    const b = createViewCache({ ttlMs: 60_000 });
    await subscribeToViewChanges({ events, instanceId: 'a', views: a });
    await subscribeToViewChanges({ events, instanceId: 'b', views: b });
    const reads = { a: 0, b: 0 };
    const read = async () => {
      await a.get('prod', 'status', async () => reads.a++);
      await b.get('prod', 'status', async () => reads.b++);
    };
    await read();
    await events.publish({
      topic: 'signals',
      eventPayload: { channel: 'catalog:refresh', message: {} },
    });
    await read();
    expect(reads).toEqual({ a: 1, b: 1 });
    await events.publish({
      topic: 'signals',
      eventPayload: {
        channel: 'environments:prod',
        recipients: { type: 'broadcast' },
        message: { environment: 'prod', changed: ['status'] },
      },
    });
    await read();
    expect(reads).toEqual({ a: 2, b: 2 });
  });
});
