import express, { Request, Response, Router } from 'express';
import { SandboxClock } from '../clock';
import { PlanArtifacts } from '../circleci/artifacts';
import { PipelineEngine } from '../circleci/engine';
import { CircleCiStore } from '../circleci/store';
import { ViolationLog } from '../contracts/violations';
import { EcrRegistry } from '../ecr/registry';
import { UPSTREAMS, UpstreamControls, UpstreamName } from '../faults';
import { GitHubState } from '../github/state';
import { simulationRoutes } from './simulation';

/** What the admin API acts on. */
export interface AdminTarget {
  controls: Record<UpstreamName, UpstreamControls>;
  violations: ViolationLog;
  clock: SandboxClock;
  github: GitHubState;
  engine: PipelineEngine;
  store: CircleCiStore;
  artifacts: PlanArtifacts;
  registry: EcrRegistry;
  ecrRepository: string;
  deployerTagPrefix: string;
  parked(): boolean;
  push(options: {
    branch?: string;
    message?: string;
    actor?: string;
    files?: Record<string, string>;
  }): object;
  merge(number: number, actor?: string): object;
  resetAll(): void;
}

function bad(res: Response, message: string) {
  res.status(400).json({ message });
}

function upstreamOf(req: Request, res: Response): UpstreamName | undefined {
  const name = req.body?.upstream;
  if (UPSTREAMS.includes(name)) return name;
  bad(
    res,
    `Unknown upstream ${JSON.stringify(name)}; one of ${UPSTREAMS.join(', ')}`,
  );
  return undefined;
}

/**
 * The sandbox's admin API under `/_sandbox`, served on every stand-in's
 * port: request counts, latency and fault injection, contract violations,
 * and simulated developer actions (push, merge, job failures).
 */
export function adminRouter(target: AdminTarget): Router {
  const router = Router();
  router.use(express.json());

  router.get('/', (_req, res) => {
    res.json({
      endpoints: [
        'GET /_sandbox/stats',
        'POST /_sandbox/stats/reset',
        'GET /_sandbox/requests',
        'POST /_sandbox/reset',
        'GET /_sandbox/faults',
        'POST /_sandbox/faults',
        'DELETE /_sandbox/faults',
        'GET /_sandbox/violations',
        'GET /_sandbox/state',
        'GET /_sandbox/pipelines',
        'POST /_sandbox/push',
        'POST /_sandbox/merge',
        'POST /_sandbox/circleci/pipelines',
        'POST /_sandbox/circleci/failures',
        'POST /_sandbox/circleci/plan',
        'POST /_sandbox/ecr/images',
        'POST /_sandbox/clock/advance',
      ],
    });
  });

  router.get('/stats', (_req, res) => {
    res.json(
      Object.fromEntries(UPSTREAMS.map(u => [u, target.controls[u].stats()])),
    );
  });
  router.get('/requests', (_req, res) => {
    res.json(
      Object.fromEntries(UPSTREAMS.map(u => [u, target.controls[u].journal()])),
    );
  });
  router.post('/stats/reset', (_req, res) => {
    UPSTREAMS.forEach(u => target.controls[u].resetStats());
    res.status(204).end();
  });
  router.post('/reset', (_req, res) => {
    target.resetAll();
    res.status(204).end();
  });

  router.get('/faults', (_req, res) => {
    res.json(
      Object.fromEntries(
        UPSTREAMS.map(u => [
          u,
          {
            delayMs: target.controls[u].delayMs,
            faults: target.controls[u].faults(),
          },
        ]),
      ),
    );
  });
  router.post('/faults', (req, res) => {
    const upstream = upstreamOf(req, res);
    if (!upstream) return;
    try {
      target.controls[upstream].configure({
        delayMs: req.body.delayMs,
        faults: req.body.faults,
      });
    } catch (error) {
      bad(res, (error as Error).message);
      return;
    }
    res.json({
      delayMs: target.controls[upstream].delayMs,
      faults: target.controls[upstream].faults(),
    });
  });
  router.delete('/faults', (_req, res) => {
    UPSTREAMS.forEach(u => target.controls[u].clearFaults());
    res.status(204).end();
  });

  router.get('/violations', (_req, res) => res.json(target.violations.list()));

  router.get('/state', (_req, res) => {
    res.json({
      parked: target.parked(),
      head: target.github.head(),
      pipelines: target.store.pipelines.length,
      pulls: target.github.pulls.map(p => ({
        number: p.number,
        head: p.head,
        base: p.base,
        state: p.state,
        title: p.title,
      })),
      now: new Date(target.clock.now()).toISOString(),
    });
  });

  router.get('/pipelines', (_req, res) => {
    res.json(
      target.store.pipelines.map(p => ({
        id: p.id,
        number: p.number,
        state: p.state,
        errors: p.errors,
        trigger: p.trigger.type,
        actor: p.trigger.actor.login,
        branch: p.vcs.branch,
        revision: p.vcs.revision,
        parameters: p.parameters,
        workflows: p.workflows.map(w => ({
          id: w.id,
          name: w.name,
          status: w.status,
          jobs: w.jobs.map(j => ({ name: j.name, status: j.status })),
        })),
      })),
    );
  });

  simulationRoutes(router, target);

  return router;
}
