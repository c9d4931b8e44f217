import type {
  DeploymentQuery,
  EnvironmentDetails,
  EnvironmentState,
  OperationResult,
} from '@rocket-club/plugin-environments-common';
import type {
  BumpImageRequest,
  EnvironmentsApi,
  MutationOptions,
} from '../src/api';
import {
  historyPages,
  makeDetails,
  makeSummary,
  prodImages,
} from '../src/__fixtures__/environments';

const DIFF = `--- a/infra/platform/infra/envs/prod/main.tf
+++ b/infra/platform/infra/envs/prod/main.tf
@@ -12,1 +12,1 @@
-  prefect_deployer_image = "\${local.ecr}/blog-data:prefect-deployer-3-python3.12-1111111"
+  prefect_deployer_image = "\${local.ecr}/blog-data:prefect-deployer-3-python3.12-2222222"
`;

/**
 * An in-memory backend for the dev app: serves the `prod` fixtures and
 * plays the park, unpark and approve pipelines through their states in a
 * few seconds. Start it in a state with `?state=` in the dev app's URL.
 */
export class MockEnvironmentsApi implements EnvironmentsApi {
  private details: EnvironmentDetails;

  constructor(state: EnvironmentState = 'active') {
    this.details = makeDetails(state);
  }

  async listEnvironments() {
    return [makeSummary(this.details.state)];
  }

  async getEnvironment(name: string) {
    if (name !== 'prod') throw new Error(`No environment named '${name}'`);
    return this.details;
  }

  async getDeployments(_name: string, query: DeploymentQuery = {}) {
    const page = historyPages[query.cursor ?? 'first'] ?? { items: [] };
    return {
      ...page,
      items: page.items.filter(d => !query.kind || d.kind === query.kind),
    };
  }

  async getImages() {
    return prodImages;
  }

  async getImageTags(name: string, image: string) {
    const found = prodImages.images.find(i => i.name === image);
    return {
      environment: name,
      image,
      tags: [
        found?.newest,
        found?.pinned && {
          ...found.pinned,
          digest: '',
          pushedAt: found.pinned.pushedAt ?? '',
        },
      ]
        .filter((t): t is NonNullable<typeof t> => !!t)
        .map(t => ({
          tag: t.tag,
          digest: t.digest,
          pushedAt: t.pushedAt ?? '',
        })),
    };
  }

  async park(name: string, _options: MutationOptions) {
    return this.transition(name, 'park', 'parking', 'parked');
  }

  async unpark(name: string, _options: MutationOptions) {
    return this.transition(name, 'unpark', 'unparking', 'active');
  }

  async rebuild(name: string, _options: MutationOptions) {
    return this.result(name, 'rebuild', 'Image refresh pipeline #150 started');
  }

  async checkDrift(name: string, _options: MutationOptions) {
    return this.result(name, 'drift', 'Drift check pipeline #151 started');
  }

  async approve(name: string, _workflowId: string, _options: MutationOptions) {
    return this.transition(name, 'approve', 'deploying', 'active');
  }

  async keepAwake(name: string, until: string | null) {
    if (name !== 'prod') throw new Error(`No environment named '${name}'`);
    if (this.details.schedule) {
      this.details = {
        ...this.details,
        schedule: {
          ...this.details.schedule,
          keepAwakeUntil: until ?? undefined,
          keepAwakeBy: until ? 'user:default/guest' : undefined,
        },
      };
    }
    return { environment: name, keepAwakeUntil: until };
  }

  async bumpImage(
    name: string,
    image: string,
    request: BumpImageRequest,
    _options: MutationOptions,
  ): Promise<OperationResult> {
    const dryRun = request.dryRun === true;
    return {
      ...this.result(
        name,
        'bump',
        dryRun ? 'Would open a pull request' : 'Opened pull request #57',
      ),
      dryRun,
      image,
      fromTag: 'prefect-deployer-3-python3.12-1111111',
      toTag: 'prefect-deployer-3-python3.12-2222222',
      diff: DIFF,
      pullRequest: {
        branch: `environments/${name}/${image}`,
        title: `Bump ${name} ${image} to prefect-deployer-3-python3.12-2222222`,
        body: '',
        updated: false,
        ...(dryRun
          ? {}
          : {
              number: 57,
              url: 'https://github.com/rlhatcher/rocket-club/pull/57',
            }),
      },
    };
  }

  private transition(
    name: string,
    operation: OperationResult['operation'],
    during: EnvironmentState,
    after: EnvironmentState,
  ) {
    this.details = makeDetails(during);
    setTimeout(() => {
      this.details = makeDetails(after);
    }, 8000);
    return this.result(name, operation, `${operation} of ${name} started`);
  }

  private result(
    name: string,
    operation: OperationResult['operation'],
    message: string,
  ): OperationResult {
    return { operation, environment: name, dryRun: false, message };
  }
}
