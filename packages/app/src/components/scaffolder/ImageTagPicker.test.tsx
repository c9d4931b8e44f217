import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { environmentsApiRef } from '@rocket-club/plugin-environments';
import { ImageTagPicker } from './ImageTagPicker';

const tags = {
  environment: 'prod',
  image: 'deployer',
  tags: [
    {
      tag: 'prefect-deployer-3-python3.12-e4f5a6b',
      digest: 'sha256:2',
      pushedAt: '2026-03-02T10:00:00Z',
    },
    {
      tag: 'prefect-deployer-3-python3.12-a1b2c3d',
      digest: 'sha256:1',
      pushedAt: '2026-03-01T10:00:00Z',
    },
  ],
};

describe('ImageTagPicker', () => {
  it('offers the ECR tags of the chosen environment, newest first', async () => {
    const getImageTags = jest.fn().mockResolvedValue(tags);
    const onChange = jest.fn();
    await renderInTestApp(
      <TestApiProvider apis={[[environmentsApiRef, { getImageTags } as any]]}>
        <ImageTagPicker
          {...({} as any)}
          schema={{ title: 'Tag', description: 'A tag' }}
          uiSchema={{ 'ui:options': { image: 'deployer' } }}
          formContext={{ formData: { environment: 'resource:default/prod' } }}
          idSchema={{ $id: 'root_tag' } as any}
          onChange={onChange}
          rawErrors={[]}
          required={false}
        />
      </TestApiProvider>,
    );
    expect(getImageTags).toHaveBeenCalledWith(
      'resource:default/prod',
      'deployer',
      {
        limit: 50,
      },
    );
    await userEvent.click(
      await screen.findByText(
        'The newest (prefect-deployer-3-python3.12-e4f5a6b)',
      ),
    );
    const options = within(screen.getByRole('listbox')).getAllByRole('option');
    expect(options.map(o => o.textContent?.split(' · ')[0])).toEqual([
      'The newest (prefect-deployer-3-python3.12-e4f5a6b)',
      'prefect-deployer-3-python3.12-e4f5a6b',
      'prefect-deployer-3-python3.12-a1b2c3d',
    ]);
    await userEvent.click(options[2]);
    expect(onChange).toHaveBeenCalledWith(
      'prefect-deployer-3-python3.12-a1b2c3d',
    );
  });

  it('asks for the environment first', async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[[environmentsApiRef, { getImageTags: jest.fn() } as any]]}
      >
        <ImageTagPicker
          {...({} as any)}
          schema={{ title: 'Tag' }}
          uiSchema={{ 'ui:options': { image: 'deployer' } }}
          formContext={{ formData: {} }}
          onChange={jest.fn()}
        />
      </TestApiProvider>,
    );
    expect(
      screen.getByText('Choose the environment first.'),
    ).toBeInTheDocument();
  });
});
