import { createBackend } from '@backstage/backend-defaults';

// The events backend with this module, reading the repository's
// app-config.yaml (`environments.circleci.webhookSecret`). `yarn start`
// here, then send a signed delivery (202) or a badly signed one (401):
//
//   body='{"type":"workflow-completed","id":"e1"}'
//   sig=$(printf %s "$body" | openssl dgst -sha256 -hmac sandbox-webhook-secret | cut -d' ' -f2)
//   curl -i http://localhost:7007/api/events/http/circleci \
//     -H 'Content-Type: application/json' -H "circleci-signature: v1=$sig" -d "$body"

const backend = createBackend();
backend.add(import('@backstage/plugin-events-backend'));
backend.add(import('../src'));
backend.start();
