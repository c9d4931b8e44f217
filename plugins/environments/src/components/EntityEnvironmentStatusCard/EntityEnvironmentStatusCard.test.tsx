import { screen } from '@testing-library/react';
import { http } from 'msw';
import { registerMswTestHooks } from '@backstage/test-utils';
import { makeDetails, prodEntity } from '../../__fixtures__/environments';
import {
  BASE_URL,
  createFakeBackend,
  errorResponse,
} from '../../__testUtils__/server';
import { renderWithEntity } from '../../__testUtils__/render';
import {
  EntityEnvironmentStatusCard,
  endpointsSummary,
} from './EntityEnvironmentStatusCard';

jest.setTimeout(30_000);

const fake = createFakeBackend();
registerMswTestHooks(fake.server);
beforeEach(() => fake.reset());

describe('EntityEnvironmentStatusCard', () => {
  it('shows state, actor, endpoints and a link to the tab', async () => {
    fake.details = makeDetails('parked');
    await renderWithEntity(<EntityEnvironmentStatusCard />);
    expect(await screen.findByText('Parked')).toBeInTheDocument();
    expect(screen.getByText(/by alice/)).toBeInTheDocument();
    expect(
      screen.getByText('Endpoints expected down while parked'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /View environment/ }),
    ).toHaveAttribute('href', '/catalog/default/resource/prod/environment');
  });

  it('mentions a held apply', async () => {
    fake.details = makeDetails('awaiting-approval');
    await renderWithEntity(<EntityEnvironmentStatusCard />);
    expect(
      await screen.findByText('An apply is waiting for approval.'),
    ).toBeInTheDocument();
  });

  it('shows the backend error in the card', async () => {
    fake.server.use(
      http.get(`${BASE_URL}/environments/prod`, () =>
        errorResponse(500, 'Error', 'database is gone'),
      ),
    );
    await renderWithEntity(<EntityEnvironmentStatusCard />);
    expect(
      await screen.findByText('database is gone (HTTP 500)'),
    ).toBeInTheDocument();
  });

  it('asks for the annotation on an entity without it', async () => {
    await renderWithEntity(<EntityEnvironmentStatusCard />, {
      entity: { ...prodEntity, metadata: { name: 'other' } },
    });
    expect(
      (await screen.findAllByText(/rocket-club.dev\/environment/)).length,
    ).toBeGreaterThan(0);
    expect(fake.requests).toHaveLength(0);
  });
});

describe('endpointsSummary', () => {
  it('counts up and down endpoints', () => {
    const details = makeDetails('active');
    expect(endpointsSummary(details)).toBe('2 of 2 endpoints up');
    details.endpoints[1].status = 'down';
    expect(endpointsSummary(details)).toBe('1 of 2 endpoints up, 1 down');
    details.endpoints = [];
    expect(endpointsSummary(details)).toBe('No endpoints configured');
  });
});
