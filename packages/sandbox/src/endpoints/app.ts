import express, { Express, Router } from 'express';
import { UpstreamControls } from '../faults';

/**
 * The environment's endpoints (the portal and the Prefect pipelines surface
 * behind CloudFront): `GET /<name>/health` answers 200 while the environment
 * is active and 503 while it is parked, so the portal's probes can show
 * "expected down".
 */
export function createEndpointsApp(options: {
  names: string[];
  parked: () => boolean;
  controls: UpstreamControls;
  admin: Router;
}): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use('/_sandbox', options.admin);
  const api = Router();
  api.use(options.controls.middleware());
  for (const name of options.names) {
    api.get(`/${name}/health`, (_req, res) => {
      if (options.parked()) {
        res.setHeader('Retry-After', '3600');
        res
          .status(503)
          .json({ status: 'unavailable', reason: 'environment is parked' });
        return;
      }
      res.json({ status: 'ok', service: name });
    });
  }
  app.use(api);
  return app;
}
