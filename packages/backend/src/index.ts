import { createBackend } from '@backstage/backend-defaults';
import { permissionModuleRocketClubPolicy } from './permissions/module';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

// Auth: guest sign-in for local use (app-config.yaml); production adds a real
// provider in app-config.production.yaml.
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(import('@backstage/plugin-auth-backend-module-github-provider'));

// Catalog, with templates as entities.
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

// Permissions: our own owner-only policy for environment mutations.
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(permissionModuleRocketClubPolicy);

// Software templates.
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-notifications'),
);
backend.add(
  import('@rocket-club/plugin-scaffolder-backend-module-environments'),
);

// Search: PostgreSQL engine when the database is PostgreSQL, in-memory
// otherwise; the catalog is indexed.
backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-pg'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));

// Events (CircleCI webhooks arrive on its HTTP ingress), signals,
// notifications, user settings, actions for MCP clients.
backend.add(import('@backstage/plugin-events-backend'));
// CircleCI webhooks on /api/events/http/circleci, signature-checked.
backend.add(import('@rocket-club/plugin-events-backend-module-circleci'));
backend.add(import('@backstage/plugin-signals-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-mcp-actions-backend'));

// The environments portal.
backend.add(import('@rocket-club/plugin-environments-backend'));

backend.start();
