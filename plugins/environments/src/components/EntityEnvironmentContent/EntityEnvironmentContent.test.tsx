import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http } from 'msw';
import { registerMswTestHooks } from '@backstage/test-utils';
import { alertApiRef } from '@backstage/core-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { EnvironmentState } from '@rocket-club/plugin-environments-common';
import { makeDetails, prodEntity } from '../../__fixtures__/environments';
import {
  BASE_URL,
  createFakeBackend,
  errorResponse,
} from '../../__testUtils__/server';
import { renderWithEntity } from '../../__testUtils__/render';
import { EntityEnvironmentContent } from './EntityEnvironmentContent';

// The whole tab with its tables is slow to query by role on a shared CI box.
jest.setTimeout(30_000);

const fake = createFakeBackend();
registerMswTestHooks(fake.server);
beforeEach(() => fake.reset());

const UUID =
  /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

async function renderContent() {
  await renderWithEntity(<EntityEnvironmentContent />);
  // The status has loaded once the header carries the environment's title.
  await screen.findByText('Production');
}

describe('EntityEnvironmentContent', () => {
  it.each<[EnvironmentState, string]>([
    ['active', 'Active'],
    ['parked', 'Parked'],
    ['parking', 'Parking'],
    ['unparking', 'Unparking'],
    ['deploying', 'Deploying'],
    ['awaiting-approval', 'Awaiting approval'],
    ['failed', 'Failed'],
    ['unknown', 'Unknown'],
  ])('shows the %s state as "%s" with its source', async (state, label) => {
    fake.details = makeDetails(state);
    await renderContent();
    const header = (await screen.findByText(label)).closest(
      '[data-state]',
    ) as HTMLElement;
    expect(header).toHaveAttribute('data-state', state);
    // The chip carries an icon besides its colour.
    expect(header.querySelector('svg')).not.toBeNull();
    // The pipeline that the state comes from is linked (none when unknown).
    const source = fake.details.source;
    const links = screen.queryAllByText(/ \(pipeline #\d+\)$/);
    expect(links.map(link => link.getAttribute('href'))).toEqual(
      source ? [source.pipeline.url] : [],
    );
  });

  it('says endpoints are expected down while parked', async () => {
    fake.details = makeDetails('parked');
    await renderContent();
    expect(
      await screen.findByText(/its endpoints are expected to be down/),
    ).toBeInTheDocument();
    expect(screen.getAllByText('Expected down')).toHaveLength(2);
  });

  it('shows endpoint health with latency and uptime', async () => {
    await renderContent();
    const table = await screen.findByRole('table', { name: 'Endpoints' });
    expect(within(table).getAllByText('Up')).toHaveLength(2);
    expect(within(table).getByText('182 ms')).toBeInTheDocument();
    expect(within(table).getByText('99.5%')).toBeInTheDocument();
  });

  it('keeps the other panels when the images fail', async () => {
    fake.server.use(
      http.get(`${BASE_URL}/environments/prod/images`, () =>
        errorResponse(502, 'ServiceUnavailableError', 'ECR is throttling us'),
      ),
    );
    await renderContent();
    expect(
      await screen.findByText('ECR is throttling us (HTTP 502)'),
    ).toBeInTheDocument();
    expect(screen.getByText('Active')).toBeInTheDocument();
    expect(
      screen.getByRole('table', { name: 'Endpoints' }),
    ).toBeInTheDocument();
    expect(await screen.findByText('Change 142')).toBeInTheDocument();
  });

  it('keeps the images and history when the status fails', async () => {
    fake.server.use(
      http.get(`${BASE_URL}/environments/prod`, () =>
        errorResponse(404, 'NotFoundError', "No environment named 'prod'"),
      ),
    );
    await renderWithEntity(<EntityEnvironmentContent />);
    expect(
      await screen.findByText("Could not load the status of 'prod'"),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Could not load the endpoints'),
    ).toBeInTheDocument();
    expect(
      await screen.findByText('prefect-deployer-3-python3.12-1111111'),
    ).toBeInTheDocument();
    expect(await screen.findByText('Change 142')).toBeInTheDocument();
  });

  it('tells a non-owner once who owns the environment, not under every button', async () => {
    fake.details = makeDetails('awaiting-approval');
    // usePermission caches answers per permission and resource ref across
    // tests (SWR), so ask about an entity no other test has asked about.
    await renderWithEntity(<EntityEnvironmentContent />, {
      authorize: AuthorizeResult.DENY,
      entity: {
        ...prodEntity,
        metadata: { ...prodEntity.metadata, name: 'prod-read-only' },
      },
    });
    await screen.findByText('Environment prod');
    const disabled = async (name: string) =>
      waitFor(() =>
        expect(screen.getByRole('button', { name })).toBeDisabled(),
      );
    await disabled('Park');
    await disabled('Unpark');
    await disabled('Approve');
    await disabled('Bump deployer');
    await disabled('Rebuild base image');
    const notice = await screen.findByRole('note');
    expect(notice).toHaveTextContent(
      /^Owned by platform-team — ask them to park, unpark, approve or bump images\.$/,
    );
    expect(
      within(notice).getByRole('link', { name: 'platform-team' }),
    ).toHaveAttribute('href', '/catalog/default/group/platform-team');
    // Every control points at the one notice; none repeats it.
    expect(
      screen.getByRole('button', { name: 'Park' }),
    ).toHaveAccessibleDescription(notice.textContent!);
    expect(screen.queryByText(/do not have permission/)).toBeNull();
    expect(screen.queryByText(/Only the owners/)).toBeNull();
  });

  it('says "permission unknown" when the permission check fails, not "denied"', async () => {
    const { permissionApiRef } = await import(
      '@backstage/plugin-permission-react'
    );
    await renderWithEntity(<EntityEnvironmentContent />, {
      entity: {
        ...prodEntity,
        metadata: { ...prodEntity.metadata, name: 'prod-permission-down' },
      },
      apis: [
        [
          permissionApiRef,
          {
            authorize: () =>
              Promise.reject(new Error('permission backend down')),
          },
        ],
      ],
    });
    await screen.findByText('Environment prod');
    await waitFor(() =>
      expect(
        screen.getByRole('button', { name: 'Park' }),
      ).toHaveAccessibleDescription('Could not check whether you may park it'),
    );
    expect(screen.queryByRole('note')).toBeNull();
  });

  it('disables park and unpark while the environment is locked', async () => {
    fake.details = makeDetails('parking');
    await renderContent();
    const park = await screen.findByRole('button', { name: 'Park' });
    await waitFor(() => expect(park).toBeDisabled());
    expect(park).toHaveAccessibleDescription(
      /^Locked: park pipeline #140 is running/,
    );
    expect(screen.getByRole('button', { name: 'Unpark' })).toBeDisabled();
  });

  it('parks after confirmation and shows the refreshed state', async () => {
    await renderContent();
    const park = await screen.findByRole('button', { name: 'Park' });
    await waitFor(() => expect(park).toBeEnabled());
    // Active: unparking makes no sense.
    expect(screen.getByRole('button', { name: 'Unpark' })).toBeDisabled();
    await userEvent.click(park);

    const dialog = await screen.findByRole('dialog', {
      name: 'Park Production (prod)?',
    });
    expect(fake.mutations()).toHaveLength(0);
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Park prod' }),
    );

    expect(await screen.findByText('Parking')).toBeInTheDocument();
    const [request] = fake.mutations();
    expect(request.path).toBe('/environments/prod/park');
    expect(request.idempotencyKey).toMatch(UUID);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('closes the dialog on a 409, says why and reloads the page', async () => {
    fake.server.use(
      http.post(`${BASE_URL}/environments/prod/park`, () => {
        // Someone else's park got there first.
        fake.details = makeDetails('parking');
        return errorResponse(
          409,
          'ConflictError',
          'prod is locked: park pipeline #143 is running',
        );
      }),
    );
    const alerts = { post: jest.fn(), alert$: jest.fn() };
    await renderWithEntity(<EntityEnvironmentContent />, {
      apis: [[alertApiRef, alerts]],
    });
    await screen.findByText('Production');
    const park = await screen.findByRole('button', { name: 'Park' });
    await waitFor(() => expect(park).toBeEnabled());
    await userEvent.click(park);
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Park prod' }),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await screen.findByText('Parking')).toBeInTheDocument();
    expect(alerts.post).toHaveBeenCalledWith(
      expect.objectContaining({
        severity: 'warning',
        message:
          'Not now: prod is locked: park pipeline #143 is running (HTTP 409). Nothing was triggered.',
      }),
    );
  });

  it('says in plain words that nothing was triggered, and retries with the same key', async () => {
    let calls = 0;
    fake.server.use(
      http.post(`${BASE_URL}/environments/prod/park`, () => {
        calls += 1;
        return calls === 1
          ? errorResponse(
              503,
              'ServiceUnavailableError',
              'CircleCI POST /project/gh/rlhatcher/rocket-club/pipeline: HTTP 500; caused by ResponseError: Internal',
            )
          : undefined;
      }),
    );
    await renderContent();
    const park = await screen.findByRole('button', { name: 'Park' });
    await waitFor(() => expect(park).toBeEnabled());
    await userEvent.click(park);
    const dialog = await screen.findByRole('dialog');
    const confirm = within(dialog).getByRole('button', { name: 'Park prod' });
    await userEvent.click(confirm);
    expect(
      await within(dialog).findByText(
        'CircleCI or GitHub did not answer. Nothing was triggered; it is safe to retry.',
      ),
    ).toBeInTheDocument();
    expect(within(dialog).queryByText(/caused by/)).toBeNull();

    await userEvent.click(confirm);
    expect(await screen.findByText('Parking')).toBeInTheDocument();
    const [first, second] = fake.mutations();
    expect(second.idempotencyKey).toBe(first.idempotencyKey);
  });

  it('counts down a rate limit with Cancel usable', async () => {
    fake.server.use(
      http.post(`${BASE_URL}/environments/prod/park`, () => {
        const response = errorResponse(
          429,
          'TooManyRequestsError',
          'CircleCI rate limit',
        );
        response.headers.set('Retry-After', '20');
        return response;
      }),
    );
    await renderContent();
    const park = await screen.findByRole('button', { name: 'Park' });
    await waitFor(() => expect(park).toBeEnabled());
    await userEvent.click(park);
    const dialog = await screen.findByRole('dialog');
    const confirm = within(dialog).getByRole('button', { name: 'Park prod' });
    await userEvent.click(confirm);
    expect(
      await within(dialog).findByText(/CircleCI is rate limiting the portal/),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText(/You can retry in ([1-9]|1\d|20) s\./),
    ).toBeInTheDocument();
    expect(confirm).toBeDisabled();
    const cancel = within(dialog).getByRole('button', { name: 'Cancel' });
    expect(cancel).toBeEnabled();
    await userEvent.click(cancel);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('uses a new key for a new action after cancelling', async () => {
    fake.server.use(
      http.post(`${BASE_URL}/environments/prod/park`, () =>
        errorResponse(503, 'ServiceUnavailableError', 'busy'),
      ),
    );
    await renderContent();
    const park = await screen.findByRole('button', { name: 'Park' });
    await waitFor(() => expect(park).toBeEnabled());
    for (const _ of [1, 2]) {
      await userEvent.click(park);
      const dialog = await screen.findByRole('dialog');
      await userEvent.click(
        within(dialog).getByRole('button', { name: 'Park prod' }),
      );
      await within(dialog).findByText('busy (HTTP 503)');
      await userEvent.click(
        within(dialog).getByRole('button', { name: 'Cancel' }),
      );
      await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    }
    const [first, second] = fake.mutations();
    expect(second.idempotencyKey).not.toBe(first.idempotencyKey);
  });

  it('approves a held apply and shows the refreshed state', async () => {
    fake.details = makeDetails('awaiting-approval');
    await renderContent();
    expect(screen.getByText('Apply waiting for approval')).toBeInTheDocument();
    expect(screen.getAllByText(/bob pushed/)[0]).toBeInTheDocument();
    const approve = screen.getByRole('button', { name: 'Approve' });
    await waitFor(() => expect(approve).toBeEnabled());
    await userEvent.click(approve);
    const dialog = await screen.findByRole('dialog', {
      name: 'Approve the apply to Production (prod)?',
    });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Approve apply' }),
    );
    expect(await screen.findByText('Deploying')).toBeInTheDocument();
    const [request] = fake.mutations();
    expect(request.path).toBe('/environments/prod/approvals/wf-142');
    expect(request.idempotencyKey).toMatch(UUID);
  });

  it('reviews the plan before approving, and asks for the name for a protected replace', async () => {
    const details = makeDetails('awaiting-approval');
    const aurora = {
      address: 'module.aurora.aws_rds_cluster.this',
      type: 'aws_rds_cluster',
      actions: ['delete', 'create'] as ('delete' | 'create')[],
    };
    details.heldApproval!.plan = {
      status: 'ok',
      createdAt: new Date(Date.now() - 3600_000).toISOString(),
      counts: { create: 1, update: 0, delete: 0, replace: 1 },
      changes: [
        aurora,
        {
          address: 'aws_sns_topic.alerts',
          type: 'aws_sns_topic',
          actions: ['create'],
        },
      ],
      protected: [aurora],
      drift: [],
      protectedPolicy: 'confirm',
    };
    fake.details = details;
    await renderContent();
    expect(screen.getAllByText('+1 ~0 −0 ±1')[0]).toBeInTheDocument();
    const approve = screen.getByRole('button', { name: 'Approve' });
    await waitFor(() => expect(approve).toBeEnabled());
    await userEvent.click(approve);
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('Replaced (1)')).toBeInTheDocument();
    expect(within(dialog).getByText('protected')).toBeInTheDocument();
    const confirm = within(dialog).getByRole('button', {
      name: 'Approve apply',
    });
    expect(confirm).toBeDisabled();
    await userEvent.type(
      within(dialog).getByLabelText(/Type prod to approve/),
      'prod',
    );
    expect(confirm).toBeEnabled();
    await userEvent.click(confirm);
    expect(await screen.findByText('Deploying')).toBeInTheDocument();
    const [request] = fake.mutations();
    expect(request.body).toEqual({ confirm: 'prod' });
  });

  it('follows a running park until it is parked', async () => {
    fake.details = makeDetails('parking');
    await renderWithEntity(
      <EntityEnvironmentContent polling={{ minDelayMs: 20, maxDelayMs: 40 }} />,
    );
    expect(await screen.findByText('Parking')).toBeInTheDocument();
    fake.details = makeDetails('parked');
    expect(await screen.findByText('Parked')).toBeInTheDocument();
  });

  it('closes a dialog with Escape without sending anything', async () => {
    await renderContent();
    const park = await screen.findByRole('button', { name: 'Park' });
    await waitFor(() => expect(park).toBeEnabled());
    await userEvent.click(park);
    const dialog = await screen.findByRole('dialog');
    fireEvent.keyDown(dialog, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(fake.mutations()).toHaveLength(0);
  });

  it('links the bump template', async () => {
    await renderContent();
    expect(
      await screen.findByRole('link', { name: 'Open the bump template' }),
    ).toHaveAttribute(
      'href',
      '/create/templates/default/bump-prefect-deployer-image',
    );
  });
});
