import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { registerMswTestHooks } from '@backstage/test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { OperationResult } from '@rocket-club/plugin-environments-common';
import { prodImages } from '../../__fixtures__/environments';
import {
  BASE_URL,
  createFakeBackend,
  errorResponse,
} from '../../__testUtils__/server';
import { renderWithEntity } from '../../__testUtils__/render';
import { ImagesPanel } from './ImagesPanel';

jest.setTimeout(30_000);

const fake = createFakeBackend();
registerMswTestHooks(fake.server);
beforeEach(() => fake.reset());

const DIFF = [
  '--- a/infra/platform/infra/envs/prod/main.tf',
  '+++ b/infra/platform/infra/envs/prod/main.tf',
  '@@ -3,1 +3,1 @@',
  '-  prefect_deployer_image = "…:prefect-deployer-3-python3.12-1111111"',
  '+  prefect_deployer_image = "…:prefect-deployer-3-python3.12-2222222"',
].join('\n');

function bumpResult(dryRun: boolean): OperationResult {
  return {
    operation: 'bump',
    environment: 'prod',
    dryRun,
    message: dryRun
      ? 'Would open a pull request'
      : 'Opened pull request #57 to pin prefect-deployer-3-python3.12-2222222',
    image: 'deployer',
    fromTag: 'prefect-deployer-3-python3.12-1111111',
    toTag: 'prefect-deployer-3-python3.12-2222222',
    diff: DIFF,
    pullRequest: {
      branch: 'environments/prod/deployer',
      title: 'Bump prod deployer to prefect-deployer-3-python3.12-2222222',
      body: '',
      updated: false,
      ...(dryRun
        ? {}
        : {
            number: 57,
            url: 'https://github.com/rlhatcher/rocket-club/pull/57',
          }),
    },
  };
}

async function renderPanel(
  authorize:
    | AuthorizeResult.ALLOW
    | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
) {
  await renderWithEntity(
    <ImagesPanel name="prod" entityRef="resource:default/prod" />,
    { authorize },
  );
  await screen.findByRole('table', { name: 'Images' });
}

describe('ImagesPanel', () => {
  it('shows pinned against newest, age and commits behind', async () => {
    await renderPanel();
    expect(
      screen.getByText('prefect-deployer-3-python3.12-1111111'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('prefect-deployer-3-python3.12-2222222'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /^3 commits behind/ }),
    ).toHaveAttribute(
      'href',
      'https://github.com/rlhatcher/rocket-club/compare/1111111...2222222',
    );
    expect(screen.getByText('9 days ago')).toBeInTheDocument();
    expect(screen.getByText('Up to date')).toBeInTheDocument();
  });

  it('offers Bump on the deployer and Rebuild on the base row, nothing disabled for good', async () => {
    await renderPanel();
    await waitFor(() =>
      expect(
        screen.getByRole('button', { name: 'Bump deployer' }),
      ).toBeEnabled(),
    );
    expect(screen.queryByRole('button', { name: 'Bump base' })).toBeNull();
    const baseRow = screen.getByText('base').closest('tr')!;
    await waitFor(() =>
      expect(
        within(baseRow).getByRole('button', { name: 'Rebuild base image' }),
      ).toBeEnabled(),
    );
    expect(screen.queryByText('Pinned to a fixed tag')).toBeNull();
  });

  it('says an open bump pull request and offers to update it', async () => {
    fake.server.use(
      http.get(`${BASE_URL}/environments/prod/images`, () =>
        HttpResponse.json({
          ...prodImages,
          images: prodImages.images.map(i =>
            i.name === 'deployer'
              ? {
                  ...i,
                  openPullRequest: {
                    number: 7,
                    url: 'https://github.example/rlhatcher/rocket-club/pull/7',
                  },
                }
              : i,
          ),
        } as any),
      ),
    );
    await renderPanel();
    expect(screen.getByRole('link', { name: /^PR #7 open/ })).toHaveAttribute(
      'href',
      'https://github.example/rlhatcher/rocket-club/pull/7',
    );
    expect(
      await screen.findByRole('button', { name: 'Update PR #7 of deployer' }),
    ).toHaveTextContent('Update PR #7');
  });

  it('says a base image rebuilt after the last deploy needs an apply', async () => {
    fake.server.use(
      http.get(`${BASE_URL}/environments/prod/images`, () =>
        HttpResponse.json({
          ...prodImages,
          images: prodImages.images.map(i =>
            i.name === 'base'
              ? {
                  ...i,
                  upToDate: false,
                  rebuiltAfterDeploy: true,
                  lastDeployAt: new Date(Date.now() - 3600_000).toISOString(),
                }
              : i,
          ),
        } as any),
      ),
    );
    await renderPanel();
    const baseRow = screen.getByText('base').closest('tr')!;
    expect(baseRow).toHaveTextContent(
      'Rebuilt after the last deploy — apply needed',
    );
    expect(within(baseRow).queryByText('Up to date')).toBeNull();
  });

  it('previews the bump, then opens the pull request for the previewed tag', async () => {
    fake.server.use(
      http.post(
        `${BASE_URL}/environments/prod/images/deployer/bump`,
        async ({ request }) => {
          const body = (await request.json()) as { dryRun?: boolean };
          return HttpResponse.json(bumpResult(body.dryRun === true) as any);
        },
      ),
    );
    await renderPanel();
    const bump = screen.getByRole('button', { name: 'Bump deployer' });
    await waitFor(() => expect(bump).toBeEnabled());
    await userEvent.click(bump);

    const dialog = await screen.findByRole('dialog', {
      name: 'Bump the deployer image of prod',
    });
    const diff = await within(dialog).findByLabelText('Terraform change');
    // One line per diff line, the +/- markers kept (not only colours).
    expect(Array.from(diff.children, line => line.textContent)).toEqual(
      DIFF.split('\n'),
    );
    expect(fake.mutations()).toHaveLength(1);
    expect(fake.mutations()[0].body).toEqual({ dryRun: true });

    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Open pull request' }),
    );
    expect(
      await within(dialog).findByRole('link', { name: /^Pull request #57/ }),
    ).toHaveAttribute(
      'href',
      'https://github.com/rlhatcher/rocket-club/pull/57',
    );
    const [preview, real] = fake.mutations();
    expect(real.body).toEqual({
      tag: 'prefect-deployer-3-python3.12-2222222',
      dryRun: false,
    });
    expect(real.idempotencyKey).toBeTruthy();
    expect(real.idempotencyKey).not.toBe(preview.idempotencyKey);
    expect(
      within(dialog).queryByRole('button', { name: 'Open pull request' }),
    ).toBeNull();
  });

  it('shows a failed preview with the backend message and no confirm', async () => {
    fake.server.use(
      http.post(`${BASE_URL}/environments/prod/images/deployer/bump`, () =>
        errorResponse(403, 'NotAllowedError', 'Only owners of prod may bump'),
      ),
    );
    await renderPanel();
    const bump = screen.getByRole('button', { name: 'Bump deployer' });
    await waitFor(() => expect(bump).toBeEnabled());
    await userEvent.click(bump);
    const dialog = await screen.findByRole('dialog');
    expect(
      await within(dialog).findByText(
        'Only owners of prod may bump (HTTP 403)',
      ),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByRole('button', { name: 'Open pull request' }),
    ).toBeDisabled();
  });

  it('rebuilds the base image after confirmation', async () => {
    fake.server.use(
      http.post(`${BASE_URL}/environments/prod/rebuild`, () =>
        HttpResponse.json({
          operation: 'rebuild',
          environment: 'prod',
          dryRun: false,
          message: 'Rebuilding',
        }),
      ),
    );
    await renderPanel();
    const rebuild = screen.getByRole('button', { name: 'Rebuild base image' });
    await waitFor(() => expect(rebuild).toBeEnabled());
    await userEvent.click(rebuild);
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Rebuild prod base image' }),
    );
    await waitFor(() => expect(fake.mutations()).toHaveLength(1));
    expect(fake.mutations()[0].path).toBe('/environments/prod/rebuild');
  });
});
