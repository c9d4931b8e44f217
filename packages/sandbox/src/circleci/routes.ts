import { Request, Response, Router } from 'express';
import { stableUuid } from '../ids';
import { PlanArtifacts } from './artifacts';
import { PipelineEngine, TriggerRequest, userIdOf } from './engine';
import { PipelineRecord } from './model';
import {
  jobShape,
  pipelineShape,
  repositoryUrl,
  workflowShape,
  iso,
} from './shapes';
import { CircleCiStore } from './store';

/** What the API routes need. */
export interface CircleCiRouteOptions {
  store: CircleCiStore;
  engine: PipelineEngine;
  projectSlug: string;
  defaultBranch: string;
  githubHtmlUrl: () => string;
  artifacts: PlanArtifacts;
  /** Where artifact downloads are served: this stand-in's own URL. */
  circleciUrl: () => string;
}

const UUID = '[0-9a-fA-F-]{36}';

function message(res: Response, status: number, text: string) {
  res.status(status).json({ message: text });
}

/** `gh/org/repo`, `github/org/repo` or `bb/...` → `gh/org/repo` form, lower-cased. */
function normaliseSlug(slug: string): string {
  const [vcs, ...rest] = slug.split('/');
  const short =
    ({ github: 'gh', bitbucket: 'bb' } as Record<string, string>)[
      vcs.toLowerCase()
    ] ?? vcs.toLowerCase();
  return [short, ...rest].join('/').toLowerCase();
}

/** The CircleCI API v2 routes the portal uses, under `/api/v2`. */
export function circleCiRoutes(router: Router, options: CircleCiRouteOptions) {
  const { store, engine, projectSlug } = options;
  const project = (req: Request, res: Response): boolean => {
    if (normaliseSlug(req.params[0]) === normaliseSlug(projectSlug))
      return true;
    message(res, 404, 'Project not found');
    return false;
  };
  const created = (res: Response, pipeline: PipelineRecord) =>
    res.status(201).json({
      id: pipeline.id,
      state: 'pending',
      number: pipeline.number,
      created_at: iso(pipeline.createdAt),
    });
  const trigger = (
    request: Omit<TriggerRequest, 'actor' | 'triggerType'>,
    res: Response,
  ) =>
    created(
      res,
      engine.trigger({
        ...request,
        actor: res.locals.login,
        triggerType: 'api',
      }),
    );

  router.get('/me', (_req, res) => {
    res.json({
      id: userIdOf(res.locals.login),
      login: res.locals.login,
      name: res.locals.login,
    });
  });

  router.get(/^\/project\/([^/]+\/[^/]+\/[^/]+)$/, (req, res) => {
    if (!project(req, res)) return;
    const [, org, repo] = projectSlug.split('/');
    res.json({
      slug: projectSlug,
      name: repo,
      id: stableUuid('project', projectSlug),
      organization_name: org,
      organization_slug: `${projectSlug.split('/')[0]}/${org}`,
      organization_id: stableUuid('organization', org),
      vcs_info: {
        vcs_url: repositoryUrl(options.githubHtmlUrl(), projectSlug),
        provider: 'GitHub',
        default_branch: options.defaultBranch,
      },
    });
  });

  router.post(
    /^\/project\/([^/]+\/[^/]+\/[^/]+)\/pipeline\/run$/,
    (req, res) => {
      if (!project(req, res)) return;
      const { config = {}, checkout = {}, parameters = {} } = req.body ?? {};
      const branch = checkout.branch ?? config.branch;
      const tag = checkout.tag ?? config.tag;
      if (branch && tag) {
        message(res, 400, 'Unexpected request body provided.');
        return;
      }
      trigger(
        {
          branch: tag ? undefined : branch ?? options.defaultBranch,
          tag,
          parameters,
        },
        res,
      );
    },
  );

  router.post(/^\/project\/([^/]+\/[^/]+\/[^/]+)\/pipeline$/, (req, res) => {
    if (!project(req, res)) return;
    const { branch, tag, parameters = {} } = req.body ?? {};
    if (branch && tag) {
      message(res, 400, 'Branch and tag are mutually exclusive.');
      return;
    }
    trigger(
      {
        branch: tag ? undefined : branch ?? options.defaultBranch,
        tag,
        parameters,
      },
      res,
    );
  });

  const list = (req: Request, res: Response, actor?: string) => {
    if (!project(req, res)) return;
    const branch =
      typeof req.query.branch === 'string' && req.query.branch
        ? req.query.branch
        : undefined;
    const token =
      typeof req.query['page-token'] === 'string' && req.query['page-token']
        ? req.query['page-token']
        : undefined;
    const page = store.page(projectSlug, { branch, actor }, token);
    if (page === 'invalid-token') {
      message(res, 400, 'Invalid page-token.');
      return;
    }
    res.json({
      items: page.items.map(p => pipelineShape(p, options.githubHtmlUrl())),
      next_page_token: page.nextPageToken,
    });
  };
  router.get(/^\/project\/([^/]+\/[^/]+\/[^/]+)\/pipeline$/, (req, res) =>
    list(req, res),
  );
  router.get(/^\/project\/([^/]+\/[^/]+\/[^/]+)\/pipeline\/mine$/, (req, res) =>
    list(req, res, res.locals.login),
  );

  router.get(
    /^\/project\/([^/]+\/[^/]+\/[^/]+)\/pipeline\/(\d+)$/,
    (req, res) => {
      if (!project(req, res)) return;
      const pipeline = store.pipelineByNumber(
        projectSlug,
        Number(req.params[1]),
      );
      if (!pipeline) message(res, 404, 'Pipeline not found');
      else res.json(pipelineShape(pipeline, options.githubHtmlUrl()));
    },
  );

  router.get(new RegExp(`^/pipeline/(${UUID})$`), (req, res) => {
    const pipeline = store.pipeline(req.params[0]);
    if (!pipeline) message(res, 404, 'Pipeline not found');
    else res.json(pipelineShape(pipeline, options.githubHtmlUrl()));
  });

  /** A page of a pipeline's workflows or a workflow's jobs. */
  const paged = <T>(
    req: Request,
    res: Response,
    items: T[],
    key: string,
    shape: (item: T) => unknown,
  ) => {
    const token =
      typeof req.query['page-token'] === 'string' && req.query['page-token']
        ? req.query['page-token']
        : undefined;
    const page = store.pageOf(items, key, token);
    if (page === 'invalid-token') {
      message(res, 400, 'Invalid page-token.');
      return;
    }
    res.json({
      items: page.items.map(shape),
      next_page_token: page.nextPageToken,
    });
  };

  router.get(new RegExp(`^/pipeline/(${UUID})/workflow$`), (req, res) => {
    const pipeline = store.pipeline(req.params[0]);
    if (!pipeline) message(res, 404, 'Pipeline not found');
    else
      paged(req, res, pipeline.workflows, `workflows|${pipeline.id}`, w =>
        workflowShape(w, projectSlug),
      );
  });

  router.get(new RegExp(`^/workflow/(${UUID})$`), (req, res) => {
    const found = store.workflow(req.params[0]);
    if (!found) message(res, 404, 'Workflow not found');
    else res.json(workflowShape(found.workflow, projectSlug));
  });

  router.get(new RegExp(`^/workflow/(${UUID})/job$`), (req, res) => {
    const found = store.workflow(req.params[0]);
    if (!found) message(res, 404, 'Workflow not found');
    else
      paged(req, res, found.workflow.jobs, `jobs|${found.workflow.id}`, j =>
        jobShape(j, projectSlug),
      );
  });

  router.get(
    /^\/project\/([^/]+\/[^/]+\/[^/]+)\/(\d+)\/artifacts$/,
    (req, res) => {
      if (!project(req, res)) return;
      const number = Number(req.params[1]);
      const found = store.jobByNumber(number);
      if (!found) {
        message(res, 404, 'Job not found');
        return;
      }
      res.json({
        items: options.artifacts.list(found.pipeline, found.job).map(path => ({
          path,
          node_index: 0,
          url: `${options.circleciUrl()}/artifacts/${number}/0/${path}`,
        })),
        next_page_token: null,
      });
    },
  );

  router.post(
    new RegExp(`^/workflow/(${UUID})/approve/(${UUID})$`),
    (req, res) => {
      const outcome = engine.approve(
        req.params[0],
        req.params[1],
        res.locals.login,
      );
      if (outcome === 'accepted')
        res.status(202).json({ message: 'Accepted.' });
      else if (outcome === 'no-workflow')
        message(res, 404, 'Workflow not found');
      else if (outcome === 'no-approval')
        message(res, 404, 'Approval request not found');
      else message(res, 400, 'Job is not on hold');
    },
  );
}
