import { InputError } from '@backstage/errors';
import { JobRecord, PipelineRecord, WorkflowRecord } from './model';

/** CircleCI's page size for pipeline lists. */
export const PAGE_SIZE = 20;

/** A page of items and the token of the next one. */
export interface Page<T> {
  items: T[];
  nextPageToken: string | null;
}

function encodeToken(offset: number, key: string) {
  return Buffer.from(JSON.stringify({ o: offset, k: key })).toString(
    'base64url',
  );
}

function decodeToken(token: string, key: string): number | undefined {
  try {
    const { o, k } = JSON.parse(
      Buffer.from(token, 'base64url').toString('utf8'),
    );
    return k === key && Number.isInteger(o) && o >= 0 ? o : undefined;
  } catch {
    return undefined;
  }
}

/** The pipelines of the CircleCI stand-in, newest last. */
export class CircleCiStore {
  readonly pipelines: PipelineRecord[] = [];
  #jobNumber = 0;

  /**
   * @param pageSize - items a page of pipelines, and of a pipeline's
   *   workflows or a workflow's jobs (CircleCI: 20).
   */
  constructor(readonly pageSize = PAGE_SIZE) {
    if (!Number.isInteger(pageSize) || pageSize < 1) {
      throw new InputError(
        `Invalid circleci.pageSize ${JSON.stringify(pageSize)}`,
      );
    }
  }

  /** One page of `items`; the opaque token is bound to `key`. */
  pageOf<T>(
    items: T[],
    key: string,
    pageToken?: string,
  ): Page<T> | 'invalid-token' {
    const offset = pageToken ? decodeToken(pageToken, key) : 0;
    if (offset === undefined) return 'invalid-token';
    const end = offset + this.pageSize;
    return {
      items: items.slice(offset, end),
      nextPageToken: end < items.length ? encodeToken(end, key) : null,
    };
  }

  nextPipelineNumber(): number {
    return (this.pipelines[this.pipelines.length - 1]?.number ?? 0) + 1;
  }

  nextJobNumber = (): number => ++this.#jobNumber;

  add(pipeline: PipelineRecord): void {
    this.pipelines.push(pipeline);
  }

  pipeline(id: string): PipelineRecord | undefined {
    return this.pipelines.find(p => p.id === id);
  }

  pipelineByNumber(slug: string, number: number): PipelineRecord | undefined {
    return this.pipelines.find(
      p => p.projectSlug === slug && p.number === number,
    );
  }

  workflow(
    id: string,
  ): { pipeline: PipelineRecord; workflow: WorkflowRecord } | undefined {
    for (const pipeline of this.pipelines) {
      const workflow = pipeline.workflows.find(w => w.id === id);
      if (workflow) return { pipeline, workflow };
    }
    return undefined;
  }

  /** The job with CircleCI's project-wide job number `number`. */
  jobByNumber(number: number) {
    for (const pipeline of this.pipelines) {
      for (const workflow of pipeline.workflows) {
        const job = workflow.jobs.find(j => j.jobNumber === number);
        if (job) return { pipeline, workflow, job };
      }
    }
    return undefined;
  }

  job(workflowId: string, predicate: (job: JobRecord) => boolean) {
    return this.workflow(workflowId)?.workflow.jobs.find(predicate);
  }

  /**
   * One page of a project's pipelines, newest first, optionally for one
   * branch or one actor. The page token is opaque and bound to the filter.
   */
  page(
    slug: string,
    filter: { branch?: string; actor?: string },
    pageToken?: string,
  ): Page<PipelineRecord> | 'invalid-token' {
    const matching = this.pipelines
      .filter(p => p.projectSlug === slug)
      .filter(p => !filter.branch || p.vcs.branch === filter.branch)
      .filter(p => !filter.actor || p.trigger.actor.login === filter.actor)
      .slice()
      .reverse();
    return this.pageOf(
      matching,
      `${slug}|${filter.branch ?? ''}|${filter.actor ?? ''}`,
      pageToken,
    );
  }
}
