import { screen, within } from '@testing-library/react';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { registerMswTestHooks } from '@backstage/test-utils';
import { makeDetails, prodEntity } from '../../__fixtures__/environments';
import { createFakeBackend } from '../../__testUtils__/server';
import { renderWithEntity } from '../../__testUtils__/render';
import { EnvironmentsPage } from './EnvironmentsPage';

jest.setTimeout(30_000);

const fake = createFakeBackend();
registerMswTestHooks(fake.server);
beforeEach(() => fake.reset());

describe('EnvironmentsPage', () => {
  it('lists every environment with state, endpoints, images behind, owner and lock', async () => {
    fake.details = makeDetails('parking');
    await renderWithEntity(<EnvironmentsPage />, {
      apis: [[catalogApiRef, catalogApiMock({ entities: [prodEntity] })]],
    });
    expect(await screen.findByText('Parking')).toBeInTheDocument();
    // The title opens the Environment tab, not the overview.
    expect(screen.getByRole('link', { name: /Production/ })).toHaveAttribute(
      'href',
      '/catalog/default/resource/prod/environment',
    );
    const row = screen.getByText('Parking').closest('tr')!;
    expect(await within(row).findByText('1 behind')).toBeInTheDocument();
    expect(
      await within(row).findByText(/\d+ (up|down|parked)/),
    ).toBeInTheDocument();
    expect(
      await within(row).findByRole('link', { name: 'platform-team' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/^Locked: park pipeline #140 is running/),
    ).toBeInTheDocument();
  });
});
