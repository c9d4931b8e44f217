import express, { Express, RequestHandler, Router } from 'express';
import { randomUUID } from 'node:crypto';
import { UpstreamControls } from '../faults';
import { apiPipeline } from '../http/upstream';
import { ecrOperations } from './operations';
import { EcrError, EcrRegistry } from './registry';

const TARGET_PREFIX = 'AmazonEC2ContainerRegistry_V20150921.';
const CONTENT_TYPE = 'application/x-amz-json-1.1';

/** ECR's error body for an injected fault or a failure. */
export function ecrErrorBody(status: number, message: string) {
  if (status === 429 || status === 400)
    return { __type: 'ThrottlingException', message: 'Rate exceeded' };
  if (status >= 500) return { __type: 'ServerException', message };
  return { __type: 'InvalidParameterException', message };
}

function send(res: express.Response, status: number, body: object) {
  res.status(status).type(CONTENT_TYPE).send(JSON.stringify(body));
}

/**
 * Requires a SigV4 `Authorization` header (the signature itself is not
 * verified: any static credentials will do).
 */
const auth: RequestHandler = (req, res, next) => {
  res.setHeader('x-amzn-RequestId', randomUUID());
  const header = req.header('authorization');
  if (!header) {
    send(res, 403, {
      __type: 'MissingAuthenticationTokenException',
      message: 'Missing Authentication Token',
    });
    return;
  }
  if (
    !/^AWS4-HMAC-SHA256 Credential=[^/]+\/\d{8}\/[a-z0-9-]+\/ecr\/aws4_request/.test(
      header,
    )
  ) {
    send(res, 400, {
      __type: 'IncompleteSignatureException',
      message: `Authorization header requires a SigV4 credential scope for the ecr service: ${JSON.stringify(
        header.slice(0, 40),
      )}`,
    });
    return;
  }
  next();
};

/**
 * The ECR stand-in: `POST /` with `X-Amz-Target:
 * AmazonEC2ContainerRegistry_V20150921.<Operation>` and a JSON 1.1 body.
 */
export function createEcrApp(options: {
  registry: EcrRegistry;
  controls: UpstreamControls;
  admin: Router;
}): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use('/_sandbox', options.admin);
  const operations = ecrOperations(options.registry);
  const api = apiPipeline({
    controls: options.controls,
    auth,
    errorBody: ecrErrorBody,
    jsonTypes: [CONTENT_TYPE],
  });
  api.post('/', (req, res) => {
    const target = req.header('x-amz-target') ?? '';
    const operation = target.startsWith(TARGET_PREFIX)
      ? operations[target.slice(TARGET_PREFIX.length)]
      : undefined;
    if (!operation) {
      send(res, 400, {
        __type: 'UnknownOperationException',
        message: `Unknown operation ${JSON.stringify(target)}`,
      });
      return;
    }
    if (!req.is(CONTENT_TYPE)) {
      send(res, 400, {
        __type: 'SerializationException',
        message: `Expected Content-Type ${CONTENT_TYPE}`,
      });
      return;
    }
    try {
      send(res, 200, operation(req.body ?? {}));
    } catch (error) {
      if (error instanceof EcrError) {
        send(res, error.status, { __type: error.type, message: error.message });
        return;
      }
      throw error;
    }
  });
  app.use(api);
  return app;
}
