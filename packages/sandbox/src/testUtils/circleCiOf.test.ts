import { circleCiOf } from './circleCiOf';
import { startTestSandbox } from './startTestSandbox';

const CONFIG = {
  path: '.circleci/config.yml',
  content: Buffer.from('version: 2.1\nworkflows: {}\n'),
  mode: '100644' as const,
};

async function get(url: string) {
  const response = await fetch(url, { headers: { 'Circle-Token': 't' } });
  return { status: response.status, body: await response.json() };
}

describe('circleCiOf', () => {
  it('records pipelines that the API serves in pages of the configured size', async () => {
    const sandbox = await startTestSandbox({
      seed: false,
      repository: { files: [CONFIG] },
      circleci: { pageSize: 2 },
    });
    try {
      const circle = circleCiOf(sandbox, { start: '2026-01-01T00:00:00Z' });
      circle.addPipeline();
      circle.addPipeline({ branch: 'feature' });
      const held = circle.addPipeline({
        parameters: { 'terraform-prod-mode': true },
        workflows: [
          { name: 'build', status: 'success' },
          { name: 'other', status: 'failed' },
          {
            name: 'terraform-prod',
            status: 'on_hold',
            jobs: [
              { name: 'plan', stoppedAt: '2026-01-01T00:10:00Z' },
              {
                name: 'hold',
                type: 'approval',
                status: 'on_hold',
                startedAt: null,
                approvalRequestId: '0b1d3c6e-7c1f-4b8e-9f5a-2c3d4e5f6a7b',
              },
              { name: 'apply', status: 'blocked', startedAt: null },
            ],
          },
        ],
      });
      expect(circle.pipelines().map(p => p.number)).toEqual([3, 2, 1]);
      const list = `${sandbox.circleciUrl}/project/gh/rlhatcher/rocket-club/pipeline`;
      const first = await get(`${list}?branch=main`);
      expect(first.body.items.map((p: any) => p.number)).toEqual([3, 1]);
      expect(first.body.items[0]).toMatchObject({
        created_at: '2026-01-01T00:03:00.000Z',
        trigger_parameters: { 'terraform-prod-mode': true },
        vcs: { branch: 'main' },
      });
      expect(first.body.next_page_token).toBeNull();

      const workflows = `${sandbox.circleciUrl}/pipeline/${held.id}/workflow`;
      const page1 = await get(workflows);
      expect(page1.body.items.map((w: any) => w.name)).toEqual([
        'build',
        'other',
      ]);
      expect(page1.body.items[1].stopped_at).toBe('2026-01-01T00:03:30.000Z');
      const page2 = await get(
        `${workflows}?page-token=${page1.body.next_page_token}`,
      );
      expect(page2.body).toEqual({
        items: [expect.objectContaining({ name: 'terraform-prod' })],
        next_page_token: null,
      });
      const bad = await get(`${workflows}?page-token=nonsense`);
      expect(bad).toEqual({
        status: 400,
        body: { message: 'Invalid page-token.' },
      });

      const deploy = circle.workflow('terraform-prod');
      const jobs = await get(
        `${sandbox.circleciUrl}/workflow/${deploy.id}/job`,
      );
      expect(jobs.body.items).toEqual([
        expect.objectContaining({
          name: 'plan',
          started_at: '2026-01-01T00:03:00.000Z',
          stopped_at: '2026-01-01T00:10:00.000Z',
        }),
        expect.objectContaining({
          name: 'hold',
          type: 'approval',
          status: 'on_hold',
          started_at: null,
          approval_request_id: '0b1d3c6e-7c1f-4b8e-9f5a-2c3d4e5f6a7b',
        }),
      ]);
      expect(jobs.body.next_page_token).not.toBeNull();

      expect(circle.finish(deploy.id, 'success').stoppedAt).toBe(
        Date.parse('2026-01-01T00:04:00Z'),
      );
      expect(circle.jobs(deploy.id).map(j => j.name)).toEqual([
        'plan',
        'hold',
        'apply',
      ]);
      expect(() => circle.workflow('nope')).toThrow('No workflow "nope"');
      expect(() => circle.addPipeline({ createdAt: 'soon' })).toThrow(
        'Invalid createdAt "soon"',
      );
      expect(sandbox.violations()).toEqual([]);
    } finally {
      await sandbox.close();
    }
  });

  it('refuses a page size that is not a positive integer', async () => {
    await expect(
      startTestSandbox({
        seed: false,
        repository: { files: [CONFIG] },
        circleci: { pageSize: 0 },
      }),
    ).rejects.toThrow('Invalid circleci.pageSize 0');
  });
});
