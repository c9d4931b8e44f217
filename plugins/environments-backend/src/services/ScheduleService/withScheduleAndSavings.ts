import type { EnvironmentDefinition } from '../../config';
import type { EnvironmentsService } from '../EnvironmentsService';
import type { SavingsService } from '../SavingsService/createSavingsService';
import type { ScheduleService } from './createScheduleService';

/**
 * Adds `schedule` and `savings` to `GET /environments/{name}`: the inner
 * service resolves the environment and checks that the caller may read it
 * first, so nothing is computed for a caller who may not.
 */
export function withScheduleAndSavings(
  inner: EnvironmentsService,
  options: {
    definitions: EnvironmentDefinition[];
    schedule: Pick<ScheduleService, 'scheduleOf'>;
    savings: SavingsService;
  },
): EnvironmentsService {
  return {
    listEnvironments: o => inner.listEnvironments(o),
    listDeployments: (n, q, o) => inner.listDeployments(n, q, o),
    getImages: (n, o) => inner.getImages(n, o),
    async getEnvironment(nameOrRef, opts) {
      const details = await inner.getEnvironment(nameOrRef, opts);
      const d = options.definitions.find(x => x.name === details.name);
      if (!d) return details;
      const [schedule, savings] = await Promise.all([
        options.schedule.scheduleOf(d),
        options.savings.savingsOf(d),
      ]);
      return {
        ...details,
        ...(schedule && { schedule }),
        ...(savings && { savings }),
      };
    },
  };
}
