import {
  registerMswTestHooks,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { setupServer } from 'msw/node';
import {
  operationsHarness,
  owner,
  stranger,
} from '../../__testUtils__/operationsHarness';

jest.setTimeout(60_000);

const server = setupServer();
registerMswTestHooks(server);

describe('OperationsService checkDrift', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    it('triggers the drift check with its parameters, owners only, without locking out a park', async () => {
      const t = await operationsHarness(
        await databases.init(databaseId as any),
        server,
      );
      await expect(
        t.service.checkDrift({ environment: 'prod', credentials: stranger }),
      ).rejects.toMatchObject({ name: 'NotAllowedError' });
      expect(t.triggered).toEqual([]);

      const result = await t.service.checkDrift({
        environment: 'prod',
        credentials: owner,
      });
      expect(result).toMatchObject({
        operation: 'drift',
        pipeline: { number: 1 },
      });
      expect(t.triggered).toEqual([
        {
          branch: 'main',
          parameters: {
            'terraform-drift-mode': true,
            'terraform-prod-mode': false,
          },
        },
      ]);
      // A read-only plan holds no lock: parking is still possible.
      await expect(
        t.service.park({ environment: 'prod', credentials: owner }),
      ).resolves.toMatchObject({ operation: 'park' });
    });
  });
});
