import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { startTestSandbox } from '../__testUtils__/testSandbox';

interface Delivery {
  headers: http.IncomingHttpHeaders;
  raw: Buffer;
  body: any;
}

async function receiver(status = 202) {
  const deliveries: Delivery[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', c => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      deliveries.push({
        headers: req.headers,
        raw,
        body: JSON.parse(raw.toString('utf8')),
      });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${
    (server.address() as AddressInfo).port
  }/api/events/http/circleci`;
  return {
    deliveries,
    url,
    close: () => new Promise(resolve => server.close(resolve)),
  };
}

/** What the backend's verifier does: HMAC-SHA256 of the raw body, v1=. */
function verify(raw: Buffer, header: string, secret: string) {
  const expected = createHmac('sha256', secret).update(raw).digest();
  const given = Buffer.from(header.replace(/^v1=/, ''), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

describe('CircleCI webhooks', () => {
  it('posts signed job-completed and workflow-completed events as workflows run', async () => {
    const hook = await receiver();
    const sandbox = await startTestSandbox({
      circleci: { stepMs: 1000, webhooks: { url: hook.url, secret: 'shh' } },
    });
    try {
      const { pipeline } = sandbox.push({ message: 'Tune', actor: 'octo' });
      const record = sandbox.world.store.pipeline(pipeline.id)!;
      await sandbox.clock.advance(1000);
      await sandbox.settle();
      // One job-completed per build job that has finished so far.
      const finished = record.workflows.flatMap(w =>
        w.jobs.filter(j => j.status === 'success').map(j => j.name),
      );
      expect(finished.length).toBeGreaterThan(0);
      const jobEvents = hook.deliveries.filter(
        d => d.body.type === 'job-completed',
      );
      expect(jobEvents.map(d => d.body.job.name).sort()).toEqual(
        finished.sort(),
      );
      expect(jobEvents[0].body.job).toEqual({
        id: expect.any(String),
        name: expect.any(String),
        number: expect.any(Number),
        started_at: '2025-06-02T09:00:00.000Z',
        stopped_at: '2025-06-02T09:00:01.000Z',
        status: 'success',
      });

      // Workflows without an approval run to the end and report it.
      await sandbox.clock.advance(30_000);
      await sandbox.settle();
      const completed = record.workflows.filter(w => w.status === 'success');
      const events = hook.deliveries.filter(
        d => d.body.type === 'workflow-completed',
      );
      expect(events.map(d => d.body.workflow.name).sort()).toEqual(
        completed.map(w => w.name).sort(),
      );
      const event = events[0];
      const workflow = completed.find(
        w => w.name === event.body.workflow.name,
      )!;
      expect(event.body).toMatchObject({
        type: 'workflow-completed',
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        happened_at: new Date(workflow.stoppedAt!).toISOString(),
        webhook: { id: expect.any(String), name: expect.any(String) },
        workflow: {
          id: workflow.id,
          status: 'success',
          stopped_at: new Date(workflow.stoppedAt!).toISOString(),
        },
        pipeline: {
          id: pipeline.id,
          number: pipeline.number,
          trigger: { type: 'webhook' },
          vcs: {
            branch: 'main',
            revision: record.vcs.revision,
            commit: { subject: 'Tune' },
          },
        },
        project: { slug: 'gh/rlhatcher/rocket-club', name: 'rocket-club' },
        organization: { name: 'rlhatcher' },
      });
      expect(event.body.workflow.url).toMatch(
        new RegExp(
          `/app/pipelines/gh/rlhatcher/rocket-club/${pipeline.number}/workflows/${workflow.id}$`,
        ),
      );
      for (const d of hook.deliveries) {
        expect(d.headers['content-type']).toBe('application/json');
        expect(d.headers['circleci-event-type']).toBe(d.body.type);
        expect(
          verify(d.raw, String(d.headers['circleci-signature']), 'shh'),
        ).toBe(true);
        expect(
          verify(
            d.raw,
            String(d.headers['circleci-signature']),
            'sandbox-webhook-secret',
          ),
        ).toBe(false);
      }
      // The held apply sends nothing until approved; then the rest follows.
      await sandbox.clock.advance(60_000);
      await sandbox.settle();
      expect(
        hook.deliveries.filter(
          d =>
            d.body.workflow.name === 'terraform-prod' &&
            d.body.type === 'workflow-completed',
        ),
      ).toEqual([]);
    } finally {
      await sandbox.close();
      await hook.close();
    }
  });

  it('logs and drops deliveries the receiver refuses or cannot take', async () => {
    const hook = await receiver(401);
    const warnings: string[] = [];
    const sandbox = await startTestSandbox({
      logger: { info: () => {}, warn: m => warnings.push(m), error: () => {} },
      circleci: { stepMs: 1000, webhooks: { url: hook.url, secret: 'shh' } },
    });
    await hook.close();
    try {
      sandbox.push({ message: 'Nobody listening' });
      await sandbox.clock.advance(1000);
      await sandbox.settle();
      expect(
        warnings.some(w => /webhook job-completed to .* not delivered/.test(w)),
      ).toBe(true);
      expect(warnings.join('\n')).not.toContain('shh');
    } finally {
      await sandbox.close();
    }
  });
});
