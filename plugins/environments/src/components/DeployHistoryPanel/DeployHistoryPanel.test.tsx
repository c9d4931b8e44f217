import { useState } from 'react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { registerMswTestHooks } from '@backstage/test-utils';
import { makeDeployment } from '../../__fixtures__/environments';
import {
  BASE_URL,
  createFakeBackend,
  errorResponse,
} from '../../__testUtils__/server';
import { renderWithEntity } from '../../__testUtils__/render';
import { DeployHistoryPanel } from './DeployHistoryPanel';

jest.setTimeout(30_000);

const fake = createFakeBackend();
registerMswTestHooks(fake.server);
beforeEach(() => fake.reset());

const historyRequests = () =>
  fake.requests.filter(r => r.path === '/environments/prod/deployments');

describe('DeployHistoryPanel', () => {
  it('lists workflows with their links, durations and approval wait', async () => {
    await renderWithEntity(<DeployHistoryPanel name="prod" />);
    const row = (await screen.findByText('Change 139')).closest('tr')!;
    expect(
      within(row).getByRole('link', { name: /^terraform-prod/ }),
    ).toHaveAttribute('href', expect.stringContaining('/139/workflows/wf-139'));
    expect(within(row).getByRole('link', { name: /^#39/ })).toHaveAttribute(
      'href',
      'https://github.com/rlhatcher/rocket-club/pull/39',
    );
    expect(row).toHaveTextContent(/· 10m 12s · held 25m 0s/);
    expect(within(row).getByText('success')).toBeInTheDocument();
    // The commit is one line; its full message is on hover.
    expect(within(row).getByTitle('Change 139').closest('td')).toHaveStyle({
      whiteSpace: 'nowrap',
    });
    // A scheduled run has no actor: its trigger shows instead.
    const scheduled = screen
      .getByRole('link', { name: /^unpark-infrastructure/ })
      .closest('tr')!;
    expect(within(scheduled).getByText('schedule')).toBeInTheDocument();
  });

  it('says who asked and who approved, from the stored initiator', async () => {
    fake.server.use(
      http.get(`${BASE_URL}/environments/prod/deployments`, () =>
        HttpResponse.json({
          items: [
            makeDeployment(150, {
              actor: 'rlhatcher',
              initiatedBy: { displayName: 'ada', via: 'portal' },
              approvedBy: { displayName: 'bob', via: 'portal' },
            }),
            makeDeployment(149, { actor: 'carol' }),
          ],
        } as any),
      ),
    );
    await renderWithEntity(<DeployHistoryPanel name="prod" />);
    const row = (await screen.findByText('Change 150')).closest('tr')!;
    expect(
      within(row).getByTitle('ada via portal, approved by bob'),
    ).toBeInTheDocument();
    // No initiator stored: the CircleCI login.
    const older = screen.getByText('Change 149').closest('tr')!;
    expect(within(older).getByTitle('carol')).toBeInTheDocument();
  });

  it('shows a commit only on rows that deployed one', async () => {
    await renderWithEntity(<DeployHistoryPanel name="prod" />);
    await screen.findByText('Change 142');
    const park = screen
      .getByRole('link', { name: /^park-infrastructure/ })
      .closest('tr')!;
    expect(within(park).queryByText('Change 140')).toBeNull();
    expect(
      within(park).queryByRole('link', { name: /^[0-9a-f]{7}$/ }),
    ).toBeNull();
  });

  it('asks for deploys by default, once per load, and reloads on a new version', async () => {
    function Harness() {
      const [version, setVersion] = useState(0);
      return (
        <>
          <button onClick={() => setVersion(v => v + 1)}>changed</button>
          <DeployHistoryPanel name="prod" version={version} />
        </>
      );
    }
    await renderWithEntity(<Harness />);
    await screen.findByText('Change 142');
    expect(historyRequests().map(r => r.search)).toEqual([
      '?kind=deploy&limit=20',
    ]);
    await userEvent.click(screen.getByRole('button', { name: 'changed' }));
    await waitFor(() => expect(historyRequests()).toHaveLength(2));
  });

  it('pages with the cursor and back', async () => {
    await renderWithEntity(<DeployHistoryPanel name="prod" />);
    await screen.findByText('Change 142');
    await userEvent.click(screen.getByRole('button', { name: 'Older' }));
    expect(await screen.findByText('Change 120')).toBeInTheDocument();
    expect(screen.queryByText('Change 142')).toBeNull();
    expect(historyRequests().at(-1)!.search).toContain('cursor=cursor-2');
    expect(screen.getByRole('button', { name: 'Older' })).toBeDisabled();
    await userEvent.click(screen.getByRole('button', { name: 'Newer' }));
    expect(await screen.findByText('Change 142')).toBeInTheDocument();
  });

  it('filters by kind on the backend', async () => {
    await renderWithEntity(<DeployHistoryPanel name="prod" />);
    await screen.findByText('Change 142');
    await userEvent.click(screen.getByRole('button', { name: /Show/ }));
    await userEvent.click(await screen.findByRole('option', { name: 'Parks' }));
    await waitFor(() =>
      expect(historyRequests().at(-1)!.search).toBe('?kind=park&limit=20'),
    );
    await userEvent.click(screen.getByRole('button', { name: /Show/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'All workflows' }),
    );
    await waitFor(() =>
      expect(historyRequests().at(-1)!.search).toBe('?limit=20'),
    );
  });

  it('shows the backend error in place', async () => {
    fake.server.use(
      http.get(`${BASE_URL}/environments/prod/deployments`, () =>
        errorResponse(503, 'ServiceUnavailableError', 'CircleCI is down'),
      ),
    );
    await renderWithEntity(<DeployHistoryPanel name="prod" />);
    expect(
      await screen.findByText('CircleCI is down (HTTP 503)'),
    ).toBeInTheDocument();
  });
});
