import { mockServices } from '@backstage/backend-test-utils';
import {
  DefaultEventsService,
  EventParams,
} from '@backstage/plugin-events-node';
import { DefaultSignalsService } from '@backstage/plugin-signals-node';
import {
  combineChangeNotifiers,
  createSignalsChangeNotifier,
  noopChangeNotifier,
} from '.';

describe('createSignalsChangeNotifier', () => {
  it('publishes { environment, changed } on environments:<name> through the events bus', async () => {
    // The signals service publishes on the events bus; with the events
    // backend's bus every backend instance's signals plugin receives it and
    // pushes it to the browsers connected there.
    const events = DefaultEventsService.create({
      logger: mockServices.logger.mock(),
    }).forPlugin('environments');
    const received: EventParams[] = [];
    await events.subscribe({
      id: 'test',
      topics: ['signals'],
      onEvent: async event => {
        received.push(event);
      },
    });
    const notifier = createSignalsChangeNotifier({
      signals: DefaultSignalsService.create({ events }),
      logger: mockServices.logger.mock(),
      coalesceMs: 0,
    });
    notifier.changed('prod', ['status', 'history']);
    await new Promise(resolve => setTimeout(resolve, 10));
    expect(received).toEqual([
      expect.objectContaining({
        topic: 'signals',
        eventPayload: {
          recipients: { type: 'broadcast' },
          channel: 'environments:prod',
          message: { environment: 'prod', changed: ['history', 'status'] },
        },
      }),
    ]);
  });

  it('sends the changes of one environment within the window as one signal', async () => {
    jest.useFakeTimers();
    try {
      const publish = jest.fn().mockResolvedValue(undefined);
      const notifier = createSignalsChangeNotifier({
        signals: { publish },
        logger: mockServices.logger.mock(),
        coalesceMs: 250,
      });
      notifier.changed('prod', ['status']);
      notifier.changed('prod', ['history', 'status']);
      notifier.changed('staging', ['endpoints']);
      expect(publish).not.toHaveBeenCalled();
      jest.advanceTimersByTime(250);
      expect(publish.mock.calls.map(([s]) => [s.channel, s.message])).toEqual([
        [
          'environments:prod',
          { environment: 'prod', changed: ['history', 'status'] },
        ],
        [
          'environments:staging',
          { environment: 'staging', changed: ['endpoints'] },
        ],
      ]);
      notifier.changed('prod', []);
      jest.advanceTimersByTime(250);
      expect(publish).toHaveBeenCalledTimes(2);
    } finally {
      jest.useRealTimers();
    }
  });

  it('logs a failed publish instead of failing the change', async () => {
    const logger = mockServices.logger.mock();
    const notifier = createSignalsChangeNotifier({
      signals: { publish: jest.fn().mockRejectedValue(new Error('bus down')) },
      logger,
      coalesceMs: 0,
    });
    expect(() => notifier.changed('prod', ['status'])).not.toThrow();
    await new Promise(resolve => setTimeout(resolve, 10));
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        "Could not publish the change of 'prod' (status): Error: bus down",
      ),
    );
  });
});

describe('combineChangeNotifiers', () => {
  it('tells each in order, past a failing one', () => {
    const calls: string[] = [];
    const combined = combineChangeNotifiers(
      { changed: () => calls.push('first') && undefined },
      {
        changed: () => {
          throw new Error('boom');
        },
      },
      noopChangeNotifier,
      {
        changed: (env, parts) =>
          calls.push(`${env}:${parts.join()}`) && undefined,
      },
    );
    combined.changed('prod', ['images']);
    expect(calls).toEqual(['first', 'prod:images']);
  });
});
