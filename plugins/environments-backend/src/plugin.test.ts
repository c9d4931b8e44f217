import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { environmentsPlugin } from './plugin';

describe('environmentsPlugin', () => {
  it('starts without an environments block', async () => {
    const { server } = await startTestBackend({
      features: [environmentsPlugin, mockServices.rootConfig.factory()],
    });
    expect(server).toBeDefined();
  });
});
