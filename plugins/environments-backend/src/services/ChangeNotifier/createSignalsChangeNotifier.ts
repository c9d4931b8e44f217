import type { LoggerService } from '@backstage/backend-plugin-api';
import type { SignalsService } from '@backstage/plugin-signals-node';
import {
  ChangeMessage,
  ChangeNotifier,
  ChangePart,
  changeChannel,
} from './types';

/** Options of {@link createSignalsChangeNotifier}. */
export interface SignalsChangeNotifierOptions {
  signals: Pick<SignalsService, 'publish'>;
  logger: LoggerService;
  /**
   * Changes of one environment within this window go out as one signal, so
   * a sync that saves ten pipelines does not make every page refetch ten
   * times. Zero publishes each change at once.
   */
  coalesceMs?: number;
}

/**
 * A {@link ChangeNotifier} over the signals service. The signals service
 * publishes through the events bus, so a change seen by one backend
 * instance reaches pages connected to any instance. The message carries
 * only the environment name and part names; every page re-reads through
 * the permission-checked REST API, so broadcasting it discloses nothing.
 */
export function createSignalsChangeNotifier(
  options: SignalsChangeNotifierOptions,
): ChangeNotifier {
  const { signals, logger } = options;
  const coalesceMs = options.coalesceMs ?? 250;
  const pending = new Map<string, Set<ChangePart>>();

  const publish = (environment: string, parts: Set<ChangePart>) => {
    const message: ChangeMessage = { environment, changed: [...parts].sort() };
    signals
      .publish({
        recipients: { type: 'broadcast' },
        channel: changeChannel(environment),
        message,
      })
      .catch(error =>
        logger.warn(
          `Could not publish the change of '${environment}' (${message.changed.join(
            ', ',
          )}): ${error}`,
        ),
      );
  };

  return {
    changed(environment, parts) {
      if (parts.length === 0) return;
      if (coalesceMs <= 0) {
        publish(environment, new Set(parts));
        return;
      }
      const queued = pending.get(environment);
      if (queued) {
        parts.forEach(p => queued.add(p));
        return;
      }
      pending.set(environment, new Set(parts));
      setTimeout(() => {
        const all = pending.get(environment);
        pending.delete(environment);
        if (all) publish(environment, all);
      }, coalesceMs).unref?.();
    },
  };
}

/** A {@link ChangeNotifier} that tells no one (tests, no signals backend). */
export const noopChangeNotifier: ChangeNotifier = {
  changed() {},
};
