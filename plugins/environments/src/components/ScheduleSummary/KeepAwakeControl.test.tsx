import { screen, waitFor } from '@testing-library/react';
import { registerMswTestHooks } from '@backstage/test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { makeDetails } from '../../__fixtures__/environments';
import { createFakeBackend } from '../../__testUtils__/server';
import { renderWithEntity } from '../../__testUtils__/render';
import { EntityEnvironmentContent } from '../EntityEnvironmentContent';

// In a file of its own: permission decisions are cached per module, and an
// owner's allowed decision from another test would linger here.
jest.setTimeout(30_000);

const fake = createFakeBackend();
registerMswTestHooks(fake.server);

beforeEach(() => {
  fake.reset();
  fake.details = {
    ...makeDetails('active'),
    schedule: {
      nextPark: new Date(Date.now() + 3_600_000).toISOString(),
      timezone: 'Europe/London',
      actor: 'user:default/platform-scheduler',
      recent: [],
    },
  };
});

describe('KeepAwakeControl', () => {
  it('does not let a non-owner keep it awake', async () => {
    await renderWithEntity(<EntityEnvironmentContent />, {
      authorize: AuthorizeResult.DENY,
    });
    await screen.findByRole('button', { name: 'Keep awake…' });
    // Query afresh each time: the button re-renders as the decision lands.
    await waitFor(
      () =>
        expect(
          screen.getByRole('button', { name: 'Keep awake…' }),
        ).toBeDisabled(),
      { timeout: 10_000 },
    );
    expect(
      screen.getByRole('button', { name: 'Keep awake…' }),
    ).toHaveAccessibleDescription(expect.stringMatching(/^Owned by /));
  });
});
