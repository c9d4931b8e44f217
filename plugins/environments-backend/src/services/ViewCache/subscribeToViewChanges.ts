import type { EventsService } from '@backstage/plugin-events-node';
import type { ViewCache } from './createViewCache';

/** The events topic signals travel on between instances. */
const SIGNALS_TOPIC = 'signals';
const CHANNEL_PREFIX = 'environments:';

/**
 * Drops an environment's views on every instance when a change of it is
 * announced on its signals channel `environments:<name>`. The subscriber id
 * names this instance, so that each instance receives every signal (as the
 * signals backend itself subscribes), not one instance of all.
 */
export async function subscribeToViewChanges(options: {
  events: EventsService;
  instanceId: string;
  views: ViewCache;
}) {
  await options.events.subscribe({
    id: `environments-views-${options.instanceId}`,
    topics: [SIGNALS_TOPIC],
    async onEvent(event) {
      const channel = (event.eventPayload as { channel?: unknown })?.channel;
      if (typeof channel === 'string' && channel.startsWith(CHANNEL_PREFIX)) {
        options.views.invalidate(channel.slice(CHANNEL_PREFIX.length));
      }
    },
  });
}
