import { createHmac } from 'node:crypto';
import { SandboxLogger } from '../logger';
import { newUuid, stableUuid } from '../ids';
import { EngineEvent } from './engine';
import { PipelineRecord } from './model';
import { iso, repositoryUrl } from './shapes';

/**
 * Where and how outbound webhooks are delivered.
 *
 * @public
 */
export interface WebhookOptions {
  /** Default `http://localhost:7007/api/events/http/circleci`. */
  url?: string;
  /** Default `sandbox-webhook-secret`. */
  secret?: string;
  /** Set false to send none. */
  enabled?: boolean;
}

/** `v1=<hex HMAC-SHA256 of the raw body>`, CircleCI's signature header. */
export function signBody(body: string, secret: string): string {
  return `v1=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/**
 * Sends CircleCI's `workflow-completed` and `job-completed` webhooks for live
 * pipelines, signed with the webhook's secret. Delivery failures are logged
 * and dropped, as a webhook receiver that is down would see.
 */
export class WebhookSender {
  readonly #pending = new Set<Promise<void>>();
  readonly #webhook = {
    id: stableUuid('webhook', 'rocket-club-portal'),
    name: 'rocket-club portal',
  };
  #failures = 0;

  constructor(
    private readonly options: {
      url: string;
      secret: string;
      enabled: boolean;
      appBaseUrl: () => string;
      githubHtmlUrl: () => string;
      logger: SandboxLogger;
    },
  ) {}

  #pipeline(p: PipelineRecord) {
    const url = repositoryUrl(this.options.githubHtmlUrl(), p.projectSlug);
    return {
      id: p.id,
      number: p.number,
      created_at: iso(p.createdAt),
      trigger: { type: p.trigger.type },
      vcs: {
        provider_name: 'github',
        origin_repository_url: url,
        target_repository_url: url,
        revision: p.vcs.revision,
        commit: {
          subject: p.vcs.subject,
          body: p.vcs.body,
          author: { name: p.vcs.authorName, email: p.vcs.authorEmail },
          authored_at: iso(p.vcs.committedAt),
          committer: { name: p.vcs.authorName, email: p.vcs.authorEmail },
          committed_at: iso(p.vcs.committedAt),
        },
        ...(p.vcs.branch !== undefined ? { branch: p.vcs.branch } : {}),
        ...(p.vcs.tag !== undefined ? { tag: p.vcs.tag } : {}),
      },
    };
  }

  /** The webhook body for an engine event. */
  payload(event: EngineEvent) {
    const { pipeline, workflow } = event;
    const [, org, repo] = pipeline.projectSlug.split('/');
    const base = {
      id: newUuid(),
      type: event.type,
      happened_at: iso(event.at),
      webhook: this.#webhook,
      workflow: {
        id: workflow.id,
        name: workflow.name,
        status: workflow.status,
        created_at: iso(workflow.createdAt),
        stopped_at:
          workflow.stoppedAt === null ? null : iso(workflow.stoppedAt),
        url: `${this.options.appBaseUrl()}/pipelines/${pipeline.projectSlug}/${
          pipeline.number
        }/workflows/${workflow.id}`,
      },
      pipeline: this.#pipeline(pipeline),
      project: {
        id: stableUuid('project', pipeline.projectSlug),
        name: repo,
        slug: pipeline.projectSlug,
      },
      organization: { id: stableUuid('organization', org), name: org },
    };
    if (event.type !== 'job-completed') return base;
    const { job } = event;
    return {
      ...base,
      job: {
        id: job.id,
        name: job.name,
        started_at: job.startedAt === null ? null : iso(job.startedAt),
        stopped_at: job.stoppedAt === null ? null : iso(job.stoppedAt),
        status: job.status,
        number: job.jobNumber ?? null,
      },
    };
  }

  /** Delivers the webhook for a live event (approval jobs send none). */
  handle = (event: EngineEvent): void => {
    if (!this.options.enabled || !event.live) return;
    if (event.type === 'job-completed' && event.job.type === 'approval') return;
    const body = JSON.stringify(this.payload(event));
    const delivery = this.#deliver(event.type, body).finally(() =>
      this.#pending.delete(delivery),
    );
    this.#pending.add(delivery);
  };

  async #deliver(type: string, body: string): Promise<void> {
    try {
      const response = await fetch(this.options.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'CircleCI-Webhook/1.0',
          'circleci-event-type': type,
          'circleci-signature': signBody(body, this.options.secret),
        },
        body,
        signal: AbortSignal.timeout(10_000),
      });
      await response.arrayBuffer();
      if (!response.ok) {
        this.options.logger.warn(
          `webhook ${type} to ${this.options.url} answered ${response.status}`,
        );
      }
    } catch (error) {
      this.#failures += 1;
      // One line per failure, without the body or the secret.
      this.options.logger.warn(
        `webhook ${type} to ${this.options.url} not delivered: ${
          (error as Error).cause ?? error
        }`,
      );
    }
  }

  /** Waits for every delivery in flight. */
  async flush(): Promise<void> {
    while (this.#pending.size) await Promise.all([...this.#pending]);
  }

  get failures(): number {
    return this.#failures;
  }
}
