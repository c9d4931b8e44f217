import type { EnvironmentDefinition } from '../../config';
import type { EnvironmentsService } from '../EnvironmentsService';
import type { SavingsService } from '../SavingsService/createSavingsService';
import type { ViewCache } from '../ViewCache';
import type { ScheduleService } from './createScheduleService';

/**
 * Adds `savings` to the listed environments, `parkedForMs` to the history's
 * parks, and `schedule` and `savings` to `GET /environments/{name}`: the inner
 * service resolves the environment and checks that the caller may read it
 * first, so nothing is computed for a caller who may not.
 */
export function withScheduleAndSavings(
  inner: EnvironmentsService,
  options: {
    definitions: EnvironmentDefinition[];
    schedule: Pick<ScheduleService, 'scheduleOf'>;
    savings: SavingsService;
    /**
     * Shares the schedule and savings of an environment between readers for
     * the views' lifetime: neither depends on the caller, and both read the
     * database, the catalog (the schedule's actor) and walk cron schedules.
     */
    views?: ViewCache;
  },
): EnvironmentsService {
  const shared = <T>(
    environment: string,
    key: string,
    compute: () => Promise<T>,
  ) =>
    options.views ? options.views.get(environment, key, compute) : compute();
  const savingsOf = (d: EnvironmentDefinition) =>
    shared(d.name, 'savings', () => options.savings.savingsOf(d));
  const byName = (name: string) =>
    options.definitions.find(d => d.name === name);
  const byNameOrRef = (n: string) =>
    byName(n) ??
    options.definitions.find(
      d =>
        d.entityRef.toLocaleLowerCase('en-US') === n.toLocaleLowerCase('en-US'),
    );
  return {
    async listEnvironments(o) {
      const items = await inner.listEnvironments(o);
      return Promise.all(
        items.map(async item => {
          const d = byName(item.name);
          const savings = d && (await savingsOf(d));
          return savings ? { ...item, savings } : item;
        }),
      );
    },
    listImageTags: (n, image, limit, o) =>
      inner.listImageTags(n, image, limit, o),
    async listDeployments(n, q, o) {
      const page = await inner.listDeployments(n, q, o);
      // Named by an annotated entity other than its own, the environment
      // is not known here; its rows then go without parked durations.
      const definition = byNameOrRef(n);
      if (!definition) return page;
      return {
        ...page,
        items: await options.savings.withParkedDurations(
          definition,
          page.items,
        ),
      };
    },
    getImages: (n, o) => inner.getImages(n, o),
    async getEnvironment(nameOrRef, opts) {
      const details = await inner.getEnvironment(nameOrRef, opts);
      const d = byName(details.name);
      if (!d) return details;
      const [schedule, savings] = await Promise.all([
        shared(d.name, 'schedule', () => options.schedule.scheduleOf(d)),
        savingsOf(d),
      ]);
      return {
        ...details,
        ...(schedule && { schedule }),
        ...(savings && { savings }),
      };
    },
  };
}
