import { http, HttpResponse, passthrough } from 'msw';
import type { SetupServer } from 'msw/node';
import { MAIN_TF, NEWEST, PINNED, TF_PATH, UPSTREAMS } from './e2eConfig';
import { FakeGitHubRepository } from './fakeGitHubRepository';

/** A request that left the backend for an upstream. */
export interface UpstreamCall {
  method: string;
  url: string;
  body?: unknown;
}

const AMZ_JSON = { 'content-type': 'application/x-amz-json-1.1' };
const pushedAt = (day: number) => Date.UTC(2026, 0, day) / 1000;

/**
 * GitHub, CircleCI and ECR at the network edge, for the environments backend
 * running in the test backend:
 *
 * - GitHub: the rocket-club repository with the prod Terraform on `main`;
 * - CircleCI: the pipeline trigger endpoint, numbering pipelines from 412;
 * - ECR: `DescribeImages` (JSON 1.1) of `blog-data`, with the pinned tag,
 *   a newer one, and tags of other images.
 *
 * Every upstream request is recorded, handled or not; requests to the test
 * backend itself (the scaffolder calling the environments plugin) pass
 * through.
 */
export function fakeUpstreams(server: SetupServer) {
  const github = new FakeGitHubRepository(
    UPSTREAMS.github,
    'rlhatcher',
    'rocket-club',
    { [TF_PATH]: MAIN_TF },
  );
  const calls: UpstreamCall[] = [];
  let pipelines = 0;

  const ecrImages = [
    { tags: [PINNED], digest: 'sha256:pinned', at: pushedAt(1) },
    { tags: [NEWEST, 'latest'], digest: 'sha256:newest', at: pushedAt(3) },
    {
      tags: ['prefect-3-python3.12-ecs'],
      digest: 'sha256:base',
      at: pushedAt(4),
    },
    { tags: ['build-17'], digest: 'sha256:build', at: pushedAt(5) },
  ];

  const record = ({ request }: { request: Request }) => {
    if (!new URL(request.url).hostname.endsWith('.test')) return;
    const call: UpstreamCall = {
      method: request.method,
      url: decodeURIComponent(request.url),
    };
    calls.push(call);
    request
      .clone()
      .text()
      .then(text => {
        if (text) call.body = JSON.parse(text);
      });
  };
  server.events.on('request:start', record);

  server.use(
    http.all(/^http:\/\/(localhost|127\.0\.0\.1):\d+\//, () => passthrough()),
    ...github.handlers(),
    http.post(
      `${UPSTREAMS.circleci}/project/gh/rlhatcher/rocket-club/pipeline`,
      () =>
        HttpResponse.json(
          {
            id: `pipeline-${412 + pipelines}`,
            number: 412 + pipelines++,
            state: 'created',
            created_at: '2026-01-05T10:00:00Z',
          },
          { status: 201 },
        ),
    ),
    http.post(`${UPSTREAMS.ecr}/`, async ({ request }) => {
      const target = request.headers.get('x-amz-target');
      const body = (await request.json()) as Record<string, string>;
      if (
        target !== 'AmazonEC2ContainerRegistry_V20150921.DescribeImages' ||
        body.repositoryName !== 'blog-data'
      ) {
        return HttpResponse.json(
          { __type: 'RepositoryNotFoundException', message: `${target}` },
          { status: 400, headers: AMZ_JSON },
        );
      }
      return HttpResponse.json(
        {
          imageDetails: ecrImages.map(i => ({
            registryId: body.registryId,
            repositoryName: body.repositoryName,
            imageDigest: i.digest,
            imageTags: i.tags,
            imagePushedAt: i.at,
          })),
        },
        { headers: AMZ_JSON },
      );
    }),
  );

  return {
    github,
    calls,
    /** Stops recording; the handlers go with `server.resetHandlers()`. */
    dispose: () => server.events.removeListener('request:start', record),
    /** The calls to one upstream that change something there. */
    writes: (upstream: string) =>
      calls.filter(c => c.url.startsWith(upstream) && c.method !== 'GET'),
  };
}
