import { screen } from '@testing-library/react';
import { http } from 'msw';
import { Entity } from '@backstage/catalog-model';
import { registerMswTestHooks } from '@backstage/test-utils';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { makeDetails, prodEntity } from '../../__fixtures__/environments';
import {
  BASE_URL,
  createFakeBackend,
  errorResponse,
} from '../../__testUtils__/server';
import { renderWithEntity } from '../../__testUtils__/render';
import { EntityOwnedEnvironmentsCard } from './EntityOwnedEnvironmentsCard';

jest.setTimeout(30_000);

const fake = createFakeBackend();
registerMswTestHooks(fake.server);
beforeEach(() => fake.reset());

const platformTeam: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'platform-team', namespace: 'default' },
  spec: { type: 'team', children: [] },
};
const otherTeam: Entity = {
  ...platformTeam,
  metadata: { name: 'other-team', namespace: 'default' },
};
const alice: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name: 'alice', namespace: 'default' },
  spec: { memberOf: ['platform-team'] },
  relations: [{ type: 'memberOf', targetRef: 'group:default/platform-team' }],
};
// Owned by the platform team, but not an environment.
const database: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'aurora', namespace: 'default' },
  spec: { type: 'database', owner: 'group:default/platform-team' },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/platform-team' }],
};

function render(entity: Entity) {
  return renderWithEntity(<EntityOwnedEnvironmentsCard />, {
    entity,
    apis: [
      [
        catalogApiRef,
        catalogApiMock({
          entities: [platformTeam, otherTeam, alice, prodEntity, database],
        }),
      ],
    ],
  });
}

describe('EntityOwnedEnvironmentsCard', () => {
  it("lists a group's environments with their state", async () => {
    fake.details = makeDetails('parked');
    await render(platformTeam);
    expect(
      await screen.findByRole('link', { name: /Production/ }),
    ).toBeInTheDocument();
    expect(await screen.findByText('Parked')).toBeInTheDocument();
    expect(screen.queryByText(/aurora/)).toBeNull();
  });

  it("lists the environments of a user's groups", async () => {
    await render(alice);
    expect(
      await screen.findByRole('link', { name: /Production/ }),
    ).toBeInTheDocument();
    expect(await screen.findByText('Active')).toBeInTheDocument();
  });

  it('says when the entity owns none', async () => {
    await render(otherTeam);
    expect(
      await screen.findByText('other-team owns no environments.'),
    ).toBeInTheDocument();
  });

  it('still lists the environments when their states fail', async () => {
    fake.server.use(
      http.get(`${BASE_URL}/environments`, () =>
        errorResponse(503, 'ServiceUnavailableError', 'backend starting'),
      ),
    );
    await render(platformTeam);
    expect(
      await screen.findByText('backend starting (HTTP 503)'),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('link', { name: /Production/ }),
    ).toBeInTheDocument();
    expect(screen.getByText('Not available')).toBeInTheDocument();
  });
});
