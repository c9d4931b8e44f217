import { compatWrapper } from '@backstage/core-compat-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { isEnvironmentAvailable } from '../conditions';

/** The environment tab, on entities with the environment annotation. */
export const entityEnvironmentContent = EntityContentBlueprint.make({
  name: 'environment',
  params: {
    path: '/environment',
    title: 'Environment',
    group: 'deployment',
    filter: isEnvironmentAvailable,
    loader: () =>
      import('../components/EntityEnvironmentContent').then(m =>
        compatWrapper(<m.EntityEnvironmentContent />),
      ),
  },
});
