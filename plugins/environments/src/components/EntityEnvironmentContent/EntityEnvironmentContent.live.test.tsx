import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { act } from 'react';
import { http, HttpResponse } from 'msw';
import { registerMswTestHooks } from '@backstage/test-utils';
import { signalApiRef } from '@backstage/plugin-signals-react';
import type { JsonObject } from '@backstage/types';
import { makeDetails } from '../../__fixtures__/environments';
import { BASE_URL, createFakeBackend } from '../../__testUtils__/server';
import { renderWithEntity } from '../../__testUtils__/render';
import { EntityEnvironmentContent } from './EntityEnvironmentContent';

jest.setTimeout(30_000);

const fake = createFakeBackend();
registerMswTestHooks(fake.server);
beforeEach(() => fake.reset());

/** A signal API whose messages the test sends. */
function fakeSignals() {
  const listeners = new Map<string, (message: JsonObject) => void>();
  return {
    api: {
      subscribe(channel: string, onMessage: (message: JsonObject) => void) {
        listeners.set(channel, onMessage);
        return { unsubscribe: () => listeners.delete(channel) };
      },
    },
    channels: () => [...listeners.keys()],
    send(channel: string, message: JsonObject) {
      act(() => listeners.get(channel)?.(message));
    },
  };
}

const requestsTo = (suffix: string) =>
  fake.requests.filter(r => r.path === `/environments/prod${suffix}`).length;

async function renderLive() {
  const signals = fakeSignals();
  await renderWithEntity(<EntityEnvironmentContent />, {
    apis: [[signalApiRef, signals.api]],
  });
  await screen.findByText('Production');
  await screen.findByRole('table', { name: 'Images' });
  await waitFor(() => expect(requestsTo('/deployments')).toBe(1));
  return signals;
}

describe('EntityEnvironmentContent, live', () => {
  it('listens on environments:<name> and refetches only the parts a signal names', async () => {
    const signals = await renderLive();
    expect(signals.channels()).toEqual(['environments:prod']);
    // One request of each part per load.
    expect([
      requestsTo(''),
      requestsTo('/images'),
      requestsTo('/deployments'),
    ]).toEqual([1, 1, 1]);

    signals.send('environments:prod', {
      environment: 'prod',
      changed: ['images'],
    });
    await waitFor(() => expect(requestsTo('/images')).toBe(2));
    expect(requestsTo('')).toBe(1);
    expect(requestsTo('/deployments')).toBe(1);

    signals.send('environments:prod', {
      environment: 'prod',
      changed: ['history'],
    });
    await waitFor(() => expect(requestsTo('/deployments')).toBe(2));
    expect(requestsTo('')).toBe(1);

    signals.send('environments:prod', {
      environment: 'prod',
      changed: ['endpoints'],
    });
    await waitFor(() => expect(requestsTo('')).toBe(2));
  });

  it('shows a held apply the moment the status signal arrives, without a reload', async () => {
    const signals = await renderLive();
    expect(screen.getByText('Active')).toBeInTheDocument();
    fake.details = makeDetails('awaiting-approval');
    signals.send('environments:prod', {
      environment: 'prod',
      changed: ['status', 'history'],
    });
    expect(await screen.findByText('Awaiting approval')).toBeInTheDocument();
    expect(screen.getByText('Apply waiting for approval')).toBeInTheDocument();
  });

  it('reloads everything from the visible refresh control', async () => {
    await renderLive();
    await userEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    await waitFor(() =>
      expect([
        requestsTo(''),
        requestsTo('/images'),
        requestsTo('/deployments'),
      ]).toEqual([2, 2, 2]),
    );
  });

  it('says once for the page when the backend cannot be reached', async () => {
    fake.server.use(
      http.get(`${BASE_URL}/environments/prod`, () => HttpResponse.error()),
      http.get(`${BASE_URL}/environments/prod/images`, () =>
        HttpResponse.error(),
      ),
      http.get(`${BASE_URL}/environments/prod/deployments`, () =>
        HttpResponse.error(),
      ),
    );
    await renderWithEntity(<EntityEnvironmentContent />);
    const panel = await screen.findByText(
      'The portal backend cannot be reached',
    );
    expect(panel).toBeInTheDocument();
    expect(screen.getAllByRole('alert')).toHaveLength(1);
    expect(screen.queryByText(/Could not load/)).toBeNull();
    // Not knowing the backend is not being refused.
    expect(screen.queryByText(/permission/)).toBeNull();
  });
});

describe('EntityEnvironmentContent, honest states', () => {
  it('reads "Active · last deploy failed: <job>" with links to the job and the rerun', async () => {
    fake.details = {
      ...makeDetails('active'),
      lastFailure: {
        kind: 'deploy',
        workflowId: 'wf-143',
        workflowName: 'terraform-prod',
        url: 'http://circleci.example/pipelines/gh/r/r/143/workflows/wf-143',
        pipeline: {
          id: 'pl-143',
          number: 143,
          url: 'http://circleci.example/pipelines/gh/r/r/143',
        },
        job: {
          name: 'terraform-apply',
          url: 'http://circleci.example/pipelines/gh/r/r/143/workflows/wf-143/jobs/7',
        },
        rerunUrl:
          'http://circleci.example/pipelines/gh/r/r/143/workflows/wf-143',
      },
    };
    await renderWithEntity(<EntityEnvironmentContent />);
    expect(await screen.findByText('Active')).toBeInTheDocument();
    const line = screen.getByTestId('failure-line');
    expect(line).toHaveTextContent(
      /^Last deploy failed: terraform-apply.* \(pipeline #143\)/,
    );
    expect(
      within(line).getByRole('link', { name: /^terraform-apply/ }),
    ).toHaveAttribute(
      'href',
      'http://circleci.example/pipelines/gh/r/r/143/workflows/wf-143/jobs/7',
    );
    expect(
      within(line).getByRole('link', {
        name: /^Rerun from failed in CircleCI/,
      }),
    ).toHaveAttribute(
      'href',
      'http://circleci.example/pipelines/gh/r/r/143/workflows/wf-143',
    );
    // Parking is still possible: the environment is up.
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Park' })).toBeEnabled(),
    );
  });

  it('shows the progress of a park and who started it through the portal', async () => {
    fake.details = {
      ...makeDetails('parking'),
      initiatedBy: {
        userEntityRef: 'user:default/ada',
        displayName: 'ada',
        via: 'portal',
      },
      progress: {
        workflowId: 'wf-140',
        workflowName: 'park-infrastructure',
        completed: 1,
        total: 3,
        currentJob: 'scale-down',
      },
    };
    await renderWithEntity(<EntityEnvironmentContent />);
    expect(await screen.findByText('Parking')).toBeInTheDocument();
    expect(screen.getByTestId('progress')).toHaveTextContent(
      '· job 2 of 3: scale-down',
    );
    expect(screen.getByText(/by ada via portal/)).toBeInTheDocument();
  });

  it('warns when the last CircleCI sync failed', async () => {
    fake.details = {
      ...makeDetails('active'),
      sync: {
        failing: true,
        stale: false,
        lastErrorAt: new Date(Date.now() - 40_000).toISOString(),
      },
    };
    await renderWithEntity(<EntityEnvironmentContent />);
    expect(await screen.findByTestId('sync-warning')).toHaveTextContent(
      /^The last sync from CircleCI failedWhat this page shows may be out of date/,
    );
  });
});
