import { screen } from '@testing-library/react';
import {
  createExtensionTester,
  mockApis,
  registerMswTestHooks,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { ApiBlueprint } from '@backstage/frontend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  catalogApiMock,
  createTestEntityPage,
} from '@backstage/plugin-catalog-react/testUtils';
import { Entity } from '@backstage/catalog-model';
import environmentsPlugin from './alpha';
import { environmentsApiRef } from './api';
import { makeDetails, prodEntity } from './__fixtures__/environments';
import { createFakeBackend } from './__testUtils__/server';
import { testClient } from './__testUtils__/render';

jest.setTimeout(30_000);

const fake = createFakeBackend();
registerMswTestHooks(fake.server);
beforeEach(() => fake.reset());

const content = environmentsPlugin.getExtension(
  'entity-content:environments/environment',
);
const statusCard = environmentsPlugin.getExtension(
  'entity-card:environments/status',
);
const ownedCard = environmentsPlugin.getExtension(
  'entity-card:environments/owned',
);

const component: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'website', namespace: 'default' },
  spec: { type: 'website', owner: 'group:default/platform-team' },
};
const platformTeam: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'platform-team', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

const apis = [
  [environmentsApiRef, testClient()],
  mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
] as const;

describe('environments /alpha plugin', () => {
  it('provides the environments API client', () => {
    const tester = createExtensionTester(
      environmentsPlugin.getExtension('api:environments'),
    );
    expect(tester.get(ApiBlueprint.dataRefs.factory).api.id).toBe(
      'plugin.environments.service',
    );
  });

  it('renders the environment tab for an annotated entity', async () => {
    fake.details = makeDetails('parked');
    renderTestApp({
      extensions: [createTestEntityPage({ entity: prodEntity }), content],
      apis,
    });
    expect(
      await screen.findByText('Parked', undefined, { timeout: 15_000 }),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('button', { name: 'Unpark' }),
    ).toBeInTheDocument();
  });

  it('renders the status card for an annotated entity', async () => {
    fake.details = makeDetails('awaiting-approval');
    renderTestApp({
      extensions: [createTestEntityPage({ entity: prodEntity }), statusCard],
      apis,
    });
    expect(
      await screen.findByText('Awaiting approval', undefined, {
        timeout: 15_000,
      }),
    ).toBeInTheDocument();
  });

  it('leaves out the tab and card without the annotation', async () => {
    renderTestApp({
      extensions: [
        createTestEntityPage({ entity: component }),
        content,
        statusCard,
      ],
      apis,
    });
    expect(await screen.findByTestId('empty-entity-page')).toBeInTheDocument();
    expect(fake.requests).toHaveLength(0);
  });

  it('renders the owned environments card on a group', async () => {
    renderTestApp({
      extensions: [createTestEntityPage({ entity: platformTeam }), ownedCard],
      apis: [...apis, catalogApiMock({ entities: [platformTeam, prodEntity] })],
    });
    expect(await screen.findByText('Owned environments')).toBeInTheDocument();
    expect(await screen.findByText('Active')).toBeInTheDocument();
  });
});
