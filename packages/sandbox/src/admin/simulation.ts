import { Response, Router } from 'express';
import { ManualClock } from '../clock';
import { stableHex } from '../ids';
import type { AdminTarget } from './router';

function bad(res: Response, message: string) {
  res.status(400).json({ message });
}

/** Answers a failed action with the status its error type stands for. */
function failed(res: Response, error: unknown) {
  const { name, message } = error as Error;
  const statuses: Record<string, number> = {
    NotFoundError: 404,
    ConflictError: 409,
  };
  res.status(statuses[name] ?? 400).json({ message });
}

/**
 * Admin routes that simulate what happens outside the portal: a developer's
 * push or merge, a job failing, images piling up in ECR, time passing.
 */
export function simulationRoutes(router: Router, target: AdminTarget) {
  router.post('/push', (req, res) => {
    const { branch, message, actor, files } = req.body ?? {};
    if (
      files !== undefined &&
      (typeof files !== 'object' ||
        Object.values(files).some(v => typeof v !== 'string'))
    ) {
      bad(
        res,
        `"files" must map paths to text contents, got ${JSON.stringify(files)}`,
      );
      return;
    }
    try {
      res.status(201).json(target.push({ branch, message, actor, files }));
    } catch (error) {
      failed(res, error);
    }
  });

  // A pipeline someone started through the API or the web app (a park, an
  // unpark, a rebuild): an actor of its own, unlike the token's login.
  router.post('/circleci/pipelines', (req, res) => {
    const { actor, branch, parameters } = req.body ?? {};
    if (
      typeof actor !== 'string' ||
      actor === '' ||
      (branch !== undefined && typeof branch !== 'string') ||
      (parameters !== undefined &&
        (typeof parameters !== 'object' ||
          parameters === null ||
          Array.isArray(parameters)))
    ) {
      bad(
        res,
        `Expected {actor, branch?, parameters?}, got ${JSON.stringify(
          req.body,
        )}`,
      );
      return;
    }
    const pipeline = target.engine.trigger({
      actor,
      branch,
      parameters,
      triggerType: 'api',
    });
    res.status(201).json({ id: pipeline.id, number: pipeline.number });
  });

  router.post('/merge', (req, res) => {
    const number = Number(req.body?.number);
    try {
      res.status(201).json(target.merge(number, req.body?.actor));
    } catch (error) {
      failed(res, error);
    }
  });

  // A pipeline's plan summary for tests and demos: its content, its age,
  // or its absence (`missing`) or corruption (`invalid`).
  router.post('/circleci/plan', (req, res) => {
    const { pipeline, summary, ageMs, missing, invalid } = req.body ?? {};
    const known = target.store.pipelines.some(p => p.number === pipeline);
    if (!Number.isInteger(pipeline) || !known) {
      bad(
        res,
        `"pipeline" must be a pipeline number, got ${JSON.stringify(pipeline)}`,
      );
      return;
    }
    if (
      (ageMs !== undefined && !(Number.isFinite(ageMs) && ageMs >= 0)) ||
      (summary !== undefined && (typeof summary !== 'object' || !summary))
    ) {
      bad(
        res,
        `Expected {pipeline, summary?, ageMs?, missing?, invalid?}, got ${JSON.stringify(
          req.body,
        )}`,
      );
      return;
    }
    target.artifacts.override(pipeline, {
      summary,
      ageMs,
      missing: missing === true,
      invalid: invalid === true,
    });
    res.status(204).end();
  });

  router.post('/circleci/failures', (req, res) => {
    const { job, count = 1 } = req.body ?? {};
    if (typeof job !== 'string' || !Number.isInteger(count) || count < 1) {
      bad(res, `Expected {job, count}, got ${JSON.stringify(req.body)}`);
      return;
    }
    target.engine.failNext(job, count);
    res.status(204).end();
  });

  router.post('/ecr/images', (req, res) => {
    const {
      count,
      repositoryName = target.ecrRepository,
      tagPrefix = target.deployerTagPrefix,
    } = req.body ?? {};
    if (!Number.isInteger(count) || count < 1 || count > 100_000) {
      bad(
        res,
        `"count" must be an integer from 1 to 100000, got ${JSON.stringify(
          count,
        )}`,
      );
      return;
    }
    try {
      res.status(201).json({
        added: addSyntheticImages(target, repositoryName, tagPrefix, count),
      });
    } catch (error) {
      failed(res, error);
    }
  });

  router.post('/clock/advance', async (req, res) => {
    const ms = Number(req.body?.ms);
    if (!(target.clock instanceof ManualClock) || !(ms >= 0)) {
      bad(
        res,
        `The clock is not manual, or ms ${JSON.stringify(
          req.body?.ms,
        )} is invalid`,
      );
      return;
    }
    await target.clock.advance(ms);
    res.json({ now: new Date(target.clock.now()).toISOString() });
  });
}

/**
 * Adds `count` deployer images older than every existing one (for paging and
 * benchmarks); their tags name no commit.
 */
export function addSyntheticImages(
  target: Pick<AdminTarget, 'registry'>,
  repositoryName: string,
  tagPrefix: string,
  count: number,
): number {
  const repository = target.registry.repository(repositoryName);
  const oldest = repository.images.reduce(
    (min, image) => Math.min(min, image.pushedAt),
    Date.now(),
  );
  const offset = repository.images.length;
  for (let i = 0; i < count; i++) {
    target.registry.push(repositoryName, {
      tag: `${tagPrefix}${stableHex(7, 'synthetic', offset + i)}${stableHex(
        3,
        offset + i,
      )}`,
      pushedAt: oldest - (count - i) * 60_000,
      seed: `synthetic-${offset + i}`,
    });
  }
  return count;
}
