import { compatWrapper } from '@backstage/core-compat-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { isEnvironmentAvailable } from '../conditions';

/** The status card, on entities with the environment annotation. */
export const entityEnvironmentStatusCard = EntityCardBlueprint.make({
  name: 'status',
  params: {
    filter: isEnvironmentAvailable,
    loader: () =>
      import('../components/EntityEnvironmentStatusCard').then(m =>
        compatWrapper(<m.EntityEnvironmentStatusCard />),
      ),
  },
});

/** The owned environments card, on Group and User pages. */
export const entityOwnedEnvironmentsCard = EntityCardBlueprint.make({
  name: 'owned',
  params: {
    filter: 'kind:group,user',
    loader: () =>
      import('../components/EntityOwnedEnvironmentsCard').then(m =>
        compatWrapper(<m.EntityOwnedEnvironmentsCard />),
      ),
  },
});
