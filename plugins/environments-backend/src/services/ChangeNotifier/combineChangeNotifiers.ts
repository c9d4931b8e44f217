import type { ChangeNotifier } from './types';

/**
 * One {@link ChangeNotifier} that tells several, in order, e.g. the local
 * reactions to a change (forget a cached view, probe again) before the
 * signal that makes pages refetch. A failing one does not stop the others.
 */
export function combineChangeNotifiers(
  ...notifiers: ChangeNotifier[]
): ChangeNotifier {
  return {
    changed(environment, parts) {
      for (const notifier of notifiers) {
        try {
          notifier.changed(environment, parts);
        } catch {
          // Announcing is best effort; the pages' background refresh remains.
        }
      }
    },
  };
}
