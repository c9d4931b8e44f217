import { http, HttpResponse } from 'msw';
import { contract } from './contracts';
import { FakeCircleCi } from './fakeCircleCi';
import { FakeEcr } from './fakeEcr';
import { UPSTREAMS } from './testConfig';

export const REGISTRY = '111122223333.dkr.ecr.eu-west-2.amazonaws.com';
export const TF_PATH = 'infra/platform/infra/envs/prod/main.tf';
export const PINNED = 'prefect-deployer-3-python3.12-a1b2c3d';
export const APPROVAL_ID = '0b1d3c6e-7c1f-4b8e-9f5a-2c3d4e5f6a7b';

/** The prod root module, pinning the deployer at {@link PINNED}. */
export const MAIN_TF = `locals {
  ecr_registry           = "${REGISTRY}"
  prefect_deployer_image = "\${local.ecr_registry}/blog-data:${PINNED}"
  prefect_base_image     = "${REGISTRY}/blog-data:prefect-3-python3.12-ecs"
}
`;

/**
 * Upstreams with a scripted history: CircleCI pipelines of every kind
 * ending in a deploy held for approval and a rebuild running, a GitHub
 * repository with the Terraform file, 1,500 ECR images (2 pages) and two
 * endpoints, one up and one failing. Counts the calls to each.
 */
export function scriptedUpstreams() {
  const circleci = new FakeCircleCi(UPSTREAMS.circleci);
  circleci.addPipeline({
    actor: 'alice',
    workflows: [{ name: 'unpark-infrastructure', status: 'success' }],
  });
  circleci.addPipeline({
    actor: 'bob',
    workflows: [{ name: 'terraform-prod', status: 'success' }],
  });
  circleci.addPipeline({
    actor: 'carol',
    workflows: [{ name: 'park-infrastructure', status: 'success' }],
  });
  circleci.addPipeline({
    actor: 'alice',
    workflows: [{ name: 'unpark-infrastructure', status: 'success' }],
  });
  const plan = '11111111-1111-4111-8111-111111111111';
  circleci.addPipeline({
    actor: 'dave',
    revision: 'e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3',
    subject: 'Bump the deployer',
    workflows: [
      {
        name: 'terraform-prod',
        status: 'on_hold',
        jobs: [
          {
            id: plan,
            name: 'terraform-prod-plan',
            stopped_at: '2026-01-01T00:06:00Z',
          },
          {
            name: 'hold-terraform-prod-apply',
            type: 'approval',
            status: 'on_hold',
            approval_request_id: APPROVAL_ID,
            dependencies: [plan],
          },
        ],
      },
    ],
  });
  circleci.addPipeline({
    actor: 'erin',
    workflows: [{ name: 'refresh-prefect-image', status: 'running' }],
  });

  const ecr = new FakeEcr(UPSTREAMS.ecr);
  const base = Date.UTC(2026, 0, 1) / 1000;
  ecr.repositories.set('blog-data', [
    ...Array.from({ length: 1497 }, (_, i) => ({
      tags: [`build-${i}`],
      digest: `sha256:${i}`,
      pushedAt: base + i,
    })),
    { tags: [PINNED], digest: 'sha256:pinned', pushedAt: base + 10_000 },
    {
      tags: ['prefect-deployer-3-python3.12-e4f5a6b'],
      digest: 'sha256:newest',
      pushedAt: base + 20_000,
    },
    {
      tags: ['prefect-3-python3.12-ecs'],
      digest: 'sha256:base',
      pushedAt: base + 15_000,
    },
  ]);

  const github = { calls: 0 };
  const repo = `${UPSTREAMS.github}/repos/rlhatcher/rocket-club`;
  const githubHandlers = [
    http.get(`${repo}/contents/:path+`, () => {
      github.calls++;
      return HttpResponse.json({
        ...contract('github').example<object>(
          'content-file-response-if-content-is-a-file',
        ),
        path: TF_PATH,
        content: Buffer.from(MAIN_TF).toString('base64'),
      });
    }),
    http.get(`${repo}/compare/:basehead`, ({ params }) => {
      github.calls++;
      return HttpResponse.json({
        status: 'ahead',
        ahead_by: 4,
        behind_by: 0,
        html_url: `https://github.com/rlhatcher/rocket-club/compare/${params.basehead}`,
        commits: [],
      });
    }),
  ];

  const endpoints = { calls: 0 };
  const endpointHandlers = [
    http.get(`${UPSTREAMS.endpoints}/portal/health`, () => {
      endpoints.calls++;
      return HttpResponse.json({ ok: true });
    }),
    http.get(`${UPSTREAMS.endpoints}/pipelines/health`, () => {
      endpoints.calls++;
      return HttpResponse.text('Bad gateway', { status: 502 });
    }),
  ];

  return {
    circleci,
    ecr,
    github,
    endpoints,
    handlers: () => [
      ...circleci.handlers(),
      ...ecr.handlers(),
      ...githubHandlers,
      ...endpointHandlers,
    ],
    /** Upstream calls so far, all upstreams together. */
    upstreamCalls: () =>
      circleci.calls.length + ecr.calls + github.calls + endpoints.calls,
  };
}
