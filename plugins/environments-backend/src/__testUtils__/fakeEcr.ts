import { http, HttpResponse } from 'msw';

/** An image to serve, as ECR describes it. */
export interface EcrImageSeed {
  tags: string[];
  digest: string;
  /** Epoch seconds. */
  pushedAt: number;
}

/**
 * An ECR stand-in for the JSON 1.1 protocol: `DescribeImages` with paging
 * (`maxResults`, `nextToken`), and `RepositoryNotFoundException` for
 * repositories it does not have. Counts the calls it serves.
 */
export class FakeEcr {
  readonly repositories = new Map<string, EcrImageSeed[]>();
  calls = 0;

  constructor(readonly endpoint = 'http://ecr.test') {}

  handlers() {
    return [
      http.post(`${this.endpoint}/`, async ({ request }) => {
        this.calls++;
        const target = request.headers.get('x-amz-target');
        const body: any = await request.json();
        if (target !== 'AmazonEC2ContainerRegistry_V20150921.DescribeImages') {
          return HttpResponse.json(
            { __type: 'UnknownOperationException', message: String(target) },
            { status: 400 },
          );
        }
        const images = this.repositories.get(body.repositoryName);
        if (!images) {
          return HttpResponse.json(
            {
              __type: 'RepositoryNotFoundException',
              message: `The repository with name '${body.repositoryName}' does not exist in the registry with id '${body.registryId}'`,
            },
            {
              status: 400,
              headers: { 'content-type': 'application/x-amz-json-1.1' },
            },
          );
        }
        const start = body.nextToken ? Number(body.nextToken) : 0;
        const end = start + (body.maxResults ?? 100);
        return HttpResponse.json(
          {
            imageDetails: images.slice(start, end).map(i => ({
              registryId: body.registryId,
              repositoryName: body.repositoryName,
              imageDigest: i.digest,
              imageTags: i.tags,
              imagePushedAt: i.pushedAt,
            })),
            nextToken: end < images.length ? String(end) : undefined,
          },
          { headers: { 'content-type': 'application/x-amz-json-1.1' } },
        );
      }),
    ];
  }
}
