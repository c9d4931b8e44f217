import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { registerMswTestHooks } from '@backstage/test-utils';
import type { EnvironmentDetails } from '@rocket-club/plugin-environments-common';
import { makeDetails, prodEntity } from '../../__fixtures__/environments';
import { BASE_URL, createFakeBackend } from '../../__testUtils__/server';
import { renderWithEntity } from '../../__testUtils__/render';
import { EntityEnvironmentContent } from '../EntityEnvironmentContent';
import { EntityEnvironmentStatusCard } from '../EntityEnvironmentStatusCard';
import { EnvironmentsPage } from '../EnvironmentsPage';
import { historyColumns } from '../DeployHistoryPanel/columns';
import { render } from '@testing-library/react';
import { makeDeployment, makeSummary } from '../../__fixtures__/environments';
import { runSentence } from './ScheduleSummary';

jest.setTimeout(30_000);

const fake = createFakeBackend();
registerMswTestHooks(fake.server);

const HOUR = 3_600_000;
function scheduled(): EnvironmentDetails {
  return {
    ...makeDetails('active'),
    savings: {
      currency: 'GBP',
      last30Days: 412.4,
      hoursParked30Days: 330,
      projectedMonthly: 450,
    },
    schedule: {
      nextPark: new Date(Date.now() + 6.5 * HOUR).toISOString(),
      nextUnpark: new Date(Date.now() + 17 * HOUR).toISOString(),
      timezone: 'Europe/London',
      actor: 'user:default/platform-scheduler',
      recent: [
        {
          kind: 'park',
          at: new Date(Date.now() - 18 * HOUR).toISOString(),
          outcome: 'skipped',
          reason: 'deploy #412 awaiting approval',
        },
      ],
    },
  };
}

beforeEach(() => {
  fake.reset();
  fake.details = scheduled();
  fake.server.use(
    http.post(
      `${BASE_URL}/environments/prod/keep-awake`,
      async ({ request }) => {
        const { until } = (await request.json()) as { until: string | null };
        fake.details = {
          ...fake.details,
          schedule: {
            ...fake.details.schedule!,
            keepAwakeUntil: until ?? undefined,
            keepAwakeBy: until ? 'user:default/ada' : undefined,
          },
        };
        return HttpResponse.json({
          environment: 'prod',
          keepAwakeUntil: until,
        });
      },
    ),
  );
});

describe('the schedule on the environment tab', () => {
  it('shows the next park and unpark, skipped runs and the savings', async () => {
    await renderWithEntity(<EntityEnvironmentContent />);
    expect(await screen.findByText(/^Next scheduled park:/)).toHaveTextContent(
      /in 6 hours/,
    );
    expect(screen.getByText(/^Next scheduled unpark: /)).toBeInTheDocument();
    expect(
      screen.getByText(
        /^Scheduled park skipped: deploy #412 awaiting approval/,
      ),
    ).toHaveTextContent(/hours ago/);
    expect(
      screen.getByText(
        /Parking saved £412 in the last 30 days \(330 hours parked; about £450 a month\)/,
      ),
    ).toBeInTheDocument();
  });

  it('keeps the environment awake from the page, and ends it', async () => {
    await renderWithEntity(<EntityEnvironmentContent />);
    const button = await screen.findByRole('button', { name: 'Keep awake…' });
    await waitFor(() => expect(button).toBeEnabled());
    await userEvent.click(button);
    const dialog = await screen.findByRole('dialog', {
      name: 'Keep Production (prod) awake?',
    });
    const before = Date.now();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Keep prod awake' }),
    );
    expect(
      await screen.findByText(/^Kept awake until .* by user:default\/ada/),
    ).toBeInTheDocument();
    const [post] = fake.mutations();
    expect(post.path).toBe('/environments/prod/keep-awake');
    const until = Date.parse((post.body as { until: string }).until);
    // The default choice is one day.
    expect(until - before).toBeGreaterThanOrEqual(24 * HOUR - 1000);
    expect(until - before).toBeLessThanOrEqual(24 * HOUR + 60_000);

    await userEvent.click(
      await screen.findByRole('button', { name: 'End keep-awake' }),
    );
    await waitFor(() =>
      expect(screen.queryByText(/^Kept awake until/)).toBeNull(),
    );
    expect(fake.mutations()[1].body).toEqual({ until: null });
  });

  it('warns when the schedule cannot act', async () => {
    fake.details = {
      ...scheduled(),
      schedule: {
        ...scheduled().schedule!,
        actorProblem:
          "the schedule's actor user:default/platform-scheduler is not in the catalog",
      },
    };
    await renderWithEntity(<EntityEnvironmentContent />);
    expect(
      await screen.findByText(
        /Scheduled parks and unparks will not run: the schedule's actor user:default\/platform-scheduler is not in the catalog/,
      ),
    ).toBeInTheDocument();
  });

  it('puts the savings on the status card', async () => {
    await renderWithEntity(<EntityEnvironmentStatusCard />);
    expect(
      await screen.findByText('Parking saved £412 in the last 30 days.'),
    ).toBeInTheDocument();
  });

  it('puts the savings on the environments index', async () => {
    fake.server.use(
      http.get(`${BASE_URL}/environments`, () =>
        HttpResponse.json({
          items: [{ ...makeSummary('active'), savings: scheduled().savings }],
        }),
      ),
    );
    await renderWithEntity(<EnvironmentsPage />, {
      apis: [[catalogApiRef, catalogApiMock({ entities: [prodEntity] })]],
    });
    expect(await screen.findByText('£412')).toBeInTheDocument();
    expect(screen.getByText('Parking saved (30 days)')).toBeInTheDocument();
  });

  it('shows how long a park stayed parked in the history', () => {
    const duration = historyColumns.find(c => c.title === 'Started')!;
    const row = {
      ...makeDeployment(140, { kind: 'park' }),
      durationMs: 5 * 60_000,
      parkedForMs: 11 * HOUR,
    };
    const { container } = render(<>{duration.render!(row, 'row')}</>);
    expect(container).toHaveTextContent(/· 5m 0s · parked 11h 0m$/);
  });

  it('words every outcome of a run', () => {
    const at = '2026-12-02T20:00:00.000Z';
    expect(
      runSentence({
        kind: 'park',
        at,
        outcome: 'triggered',
        pipelineNumber: 7,
      }),
    ).toBe('Scheduled park triggered pipeline #7');
    expect(runSentence({ kind: 'unpark', at, outcome: 'pending' })).toBe(
      'Scheduled unpark in progress',
    );
    expect(
      runSentence({
        kind: 'park',
        at,
        outcome: 'failed',
        reason: 'the actor is not in the catalog',
      }),
    ).toBe('Scheduled park failed: the actor is not in the catalog');
  });
});
