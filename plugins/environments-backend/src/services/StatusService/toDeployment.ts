import type {
  CommitRef,
  Deployment,
  PipelineRef,
} from '@rocket-club/plugin-environments-common';
import type { EnvironmentDefinition } from '../../config';
import type { WorkflowRun } from '../../database/EnvironmentsStore';
import type { People } from './people';

/** Links into the CircleCI app and the repository of one environment. */
export interface Links {
  pipeline(number: number): string;
  workflow(pipelineNumber: number, workflowId: string): string;
  commit(sha: string): string;
}

/** The links of an environment, from its definition. */
export function linksFor(
  definition: EnvironmentDefinition,
  appBaseUrl: string,
  githubWebBaseUrl?: string,
): Links {
  const { appPath } = definition.circleci.project;
  const { host, owner, name } = definition.repository;
  const web = githubWebBaseUrl ?? `https://${host}`;
  const pipeline = (n: number) => `${appBaseUrl}/pipelines/${appPath}/${n}`;
  return {
    pipeline,
    workflow: (n, id) => `${pipeline(n)}/workflows/${id}`,
    commit: sha => `${web}/${owner}/${name}/commit/${sha}`,
  };
}

/** The pipeline a run belongs to, linked. */
export function pipelineRef(run: WorkflowRun, links: Links): PipelineRef {
  return {
    id: run.pipelineId,
    number: run.pipelineNumber,
    url: links.pipeline(run.pipelineNumber),
  };
}

/** The commit a run ran on, linked. */
export function commitRef(
  run: WorkflowRun,
  links: Links,
): CommitRef | undefined {
  const { revision, commitSubject, branch } = run.pipeline;
  return revision
    ? {
        sha: revision,
        subject: commitSubject,
        branch,
        url: links.commit(revision),
      }
    : undefined;
}

/** A stored workflow run as a row of the deploy history. */
export function toDeployment(
  run: WorkflowRun,
  links: Links,
  people?: People,
): Deployment {
  return {
    id: run.id,
    kind: run.kind,
    workflowName: run.name,
    status: run.status,
    pipeline: pipelineRef(run, links),
    url: links.workflow(run.pipelineNumber, run.id),
    actor: run.pipeline.actor,
    triggerType: run.pipeline.triggerType,
    commit: commitRef(run, links),
    pullRequest: run.pipeline.pullRequest,
    createdAt: run.createdAt,
    stoppedAt: run.stoppedAt,
    durationMs: run.stoppedAt
      ? Date.parse(run.stoppedAt) - Date.parse(run.createdAt)
      : undefined,
    approvalWaitMs: run.approvalWaitMs,
    initiatedBy: people?.initiatedBy(run),
    approvedBy: people?.approvedBy(run),
  };
}
