import { JobRecord, PipelineRecord, WorkflowRecord } from './model';

const iso = (ms: number) => new Date(ms).toISOString();

/** The repository URL CircleCI reports for the project. */
export function repositoryUrl(githubHtmlUrl: string, slug: string): string {
  const [, org, repo] = slug.split('/');
  return `${githubHtmlUrl}/${org}/${repo}`;
}

/** A pipeline as `GET /pipeline/{id}` returns it. */
export function pipelineShape(p: PipelineRecord, githubHtmlUrl: string) {
  const url = repositoryUrl(githubHtmlUrl, p.projectSlug);
  return {
    id: p.id,
    errors: p.errors,
    project_slug: p.projectSlug,
    updated_at: iso(p.updatedAt),
    number: p.number,
    state: p.state,
    created_at: iso(p.createdAt),
    // What the API trigger sent, as CircleCI echoes it: the portal finds a
    // pipeline whose trigger answer it lost by these.
    trigger_parameters: p.parameters,
    trigger: {
      type: p.trigger.type,
      received_at: iso(p.trigger.receivedAt),
      actor: {
        login: p.trigger.actor.login,
        avatar_url: p.trigger.actor.avatarUrl,
      },
    },
    vcs: {
      provider_name: 'GitHub',
      origin_repository_url: url,
      target_repository_url: url,
      revision: p.vcs.revision,
      ...(p.vcs.branch !== undefined ? { branch: p.vcs.branch } : {}),
      ...(p.vcs.tag !== undefined ? { tag: p.vcs.tag } : {}),
      commit: { subject: p.vcs.subject, body: p.vcs.body },
    },
  };
}

/** A workflow as `GET /workflow/{id}` returns it. */
export function workflowShape(w: WorkflowRecord, projectSlug: string) {
  return {
    pipeline_id: w.pipelineId,
    id: w.id,
    name: w.name,
    project_slug: projectSlug,
    status: w.status,
    started_by: w.startedBy,
    pipeline_number: w.pipelineNumber,
    created_at: iso(w.createdAt),
    stopped_at: w.stoppedAt === null ? null : iso(w.stoppedAt),
  };
}

/**
 * A job as `GET /workflow/{id}/job` lists it. Jobs that have not started
 * (blocked, or an approval on hold) have `started_at: null` and no job
 * number, as on CircleCI.
 */
export function jobShape(j: JobRecord, projectSlug: string) {
  return {
    dependencies: j.dependencies,
    ...(j.jobNumber !== undefined ? { job_number: j.jobNumber } : {}),
    id: j.id,
    started_at: j.startedAt === null ? null : iso(j.startedAt),
    name: j.name,
    ...(j.approvedBy ? { approved_by: j.approvedBy } : {}),
    project_slug: projectSlug,
    status: j.status,
    type: j.type,
    stopped_at: j.stoppedAt === null ? null : iso(j.stoppedAt),
    ...(j.approvalRequestId
      ? { approval_request_id: j.approvalRequestId }
      : {}),
  };
}

export { iso };
