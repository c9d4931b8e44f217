import { screen } from '@testing-library/react';
import { registerMswTestHooks } from '@backstage/test-utils';
import { makeDetails } from '../../__fixtures__/environments';
import { createFakeBackend } from '../../__testUtils__/server';
import { renderWithEntity } from '../../__testUtils__/render';
import { EnvironmentsPage } from './EnvironmentsPage';

jest.setTimeout(30_000);

const fake = createFakeBackend();
registerMswTestHooks(fake.server);
beforeEach(() => fake.reset());

describe('EnvironmentsPage', () => {
  it('lists every environment with its state and lock', async () => {
    fake.details = makeDetails('parking');
    await renderWithEntity(<EnvironmentsPage />);
    expect(await screen.findByText('Parking')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /Production/ })).toHaveAttribute(
      'href',
      '/catalog/default/resource/prod',
    );
    expect(
      screen.getByText(/^Locked: park pipeline #140 is running/),
    ).toBeInTheDocument();
  });
});
