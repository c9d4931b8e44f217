import { InputError } from '@backstage/errors';
import { RequestHandler } from 'express';

/**
 * The upstreams the sandbox stands in for.
 *
 * @public
 */
export type UpstreamName = 'circleci' | 'github' | 'ecr' | 'endpoints';

/** Every upstream, in the order they are served. */
export const UPSTREAMS: UpstreamName[] = [
  'circleci',
  'github',
  'ecr',
  'endpoints',
];

/**
 * Makes the next `count` matching requests fail with `status`.
 *
 * @public
 */
export interface FaultRule {
  /** HTTP method to match; any when omitted. */
  method?: string;
  /** Regular expression tested against the request path (with query). */
  path?: string;
  /** ECR only: the operation of `X-Amz-Target`, e.g. `DescribeImages`. */
  operation?: string;
  /**
   * The status to answer with. Omitted with `delayMs`: the request is
   * handled as usual and its answer held back `delayMs` (an answer that
   * comes too late for the client, although the upstream acted).
   */
  status?: number;
  /** Holds the answer to each matching request this long (wall clock). */
  delayMs?: number;
  /**
   * Holds each matching request this long before handling it, and handles
   * it even if the client gave up meanwhile (CircleCI acting on a trigger
   * whose caller already timed out). Without `status` only.
   */
  holdMs?: number;
  /**
   * Handles each matching request as usual first (the upstream acts), then
   * answers `status` instead of its own answer, or drops the connection
   * with `drop`: a 5xx after the write, or an answer lost after it.
   */
  after?: boolean;
  /**
   * Drops the connection instead of answering (without `status`); with
   * `after` once the request was handled, else before.
   */
  drop?: boolean;
  /** Seconds, sent as `Retry-After`. */
  retryAfter?: number;
  /** How many matching requests fail; default 1. */
  count?: number;
  /** Response body; default the upstream's own error body for `status`. */
  body?: unknown;
}

/**
 * Latency and faults of one upstream.
 *
 * @public
 */
export interface UpstreamFaultOptions {
  /** Added to every API request, in milliseconds (wall clock). */
  delayMs?: number;
  faults?: FaultRule[];
}

/**
 * Request counts of one upstream, by operation.
 *
 * @public
 */
export interface UpstreamStats {
  requests: number;
  faulted: number;
  byOperation: Record<string, number>;
}

/**
 * One request an upstream served, in the order they came.
 *
 * @public
 */
export interface RecordedRequest {
  method: string;
  /** The path with its query, as sent. */
  path: string;
  /** The key it is counted under in {@link UpstreamStats}. */
  operation: string;
  /** The status it was answered with; 0 when the connection was dropped. */
  status: number;
}

/** How many requests an upstream keeps in its journal. */
const JOURNAL_SIZE = 1000;

interface QueuedFault {
  rule: FaultRule;
  path?: RegExp;
  remaining: number;
}

/** `GET /pipeline/<uuid>` → `GET /pipeline/{id}`, so counts group by route. */
export function operationKey(method: string, path: string, target?: string) {
  if (target) return target.split('.').pop() ?? target;
  const generic = path
    .split('?')[0]
    .replace(
      /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi,
      '{id}',
    )
    .replace(/\b[0-9a-f]{40}\b/g, '{sha}')
    .replace(/\/\d+(?=\/|$)/g, '/{n}');
  return `${method} ${generic}`;
}

/**
 * Counts, delays and fails requests to one upstream, ahead of its routes.
 */
export class UpstreamControls {
  readonly name: UpstreamName;
  readonly #errorBody: (status: number, message: string) => unknown;
  readonly #contentType: string;
  #delayMs = 0;
  #queue: QueuedFault[] = [];
  #stats: UpstreamStats = { requests: 0, faulted: 0, byOperation: {} };
  #journal: RecordedRequest[] = [];

  constructor(
    name: UpstreamName,
    errorBody: (status: number, message: string) => unknown,
    options: UpstreamFaultOptions = {},
    contentType = 'application/json',
  ) {
    this.name = name;
    this.#errorBody = errorBody;
    this.#contentType = contentType;
    this.configure(options);
  }

  /** Sets the delay (when given) and queues the faults. */
  configure(options: UpstreamFaultOptions): void {
    if (options.delayMs !== undefined) {
      if (!(options.delayMs >= 0)) {
        throw new InputError(
          `Invalid delayMs ${JSON.stringify(options.delayMs)}`,
        );
      }
      this.#delayMs = options.delayMs;
    }
    for (const rule of options.faults ?? []) {
      if (
        rule.delayMs !== undefined &&
        !(Number.isFinite(rule.delayMs) && rule.delayMs >= 0)
      ) {
        throw new InputError(
          `Invalid fault delayMs ${JSON.stringify(rule.delayMs)}`,
        );
      }
      if (
        rule.holdMs !== undefined &&
        !(Number.isFinite(rule.holdMs) && rule.holdMs >= 0)
      ) {
        throw new InputError(
          `Invalid fault holdMs ${JSON.stringify(rule.holdMs)}`,
        );
      }
      if ((rule.after || rule.drop) && (rule.delayMs || rule.holdMs)) {
        throw new InputError(
          `A fault with after or drop takes no delayMs or holdMs: ${JSON.stringify(
            rule,
          )}`,
        );
      }
      if (rule.drop && rule.status !== undefined) {
        throw new InputError(
          `A fault that drops the connection takes no status: ${JSON.stringify(
            rule.status,
          )}`,
        );
      }
      if (rule.after && !rule.drop && rule.status === undefined) {
        throw new InputError(
          `A fault with after needs a status or drop: ${JSON.stringify(rule)}`,
        );
      }
      const passThrough =
        rule.status === undefined && (rule.delayMs || rule.holdMs || rule.drop);
      if (
        !passThrough &&
        (!Number.isInteger(rule.status) ||
          rule.status! < 400 ||
          rule.status! > 599)
      ) {
        throw new InputError(
          `Invalid fault status ${JSON.stringify(rule.status)}`,
        );
      }
      this.#queue.push({
        rule,
        path: rule.path ? new RegExp(rule.path) : undefined,
        remaining: rule.count ?? 1,
      });
    }
  }

  get delayMs(): number {
    return this.#delayMs;
  }

  /** Faults still queued. */
  faults(): FaultRule[] {
    return this.#queue.map(q => ({ ...q.rule, count: q.remaining }));
  }

  stats(): UpstreamStats {
    return { ...this.#stats, byOperation: { ...this.#stats.byOperation } };
  }

  /** The last requests served since the counts were reset, oldest first. */
  journal(): RecordedRequest[] {
    return this.#journal.map(r => ({ ...r }));
  }

  resetStats(): void {
    this.#stats = { requests: 0, faulted: 0, byOperation: {} };
    this.#journal = [];
  }

  /** Clears the delay and the queued faults. */
  clearFaults(): void {
    this.#delayMs = 0;
    this.#queue = [];
  }

  /** Clears the delay, the queued faults and the counts. */
  reset(): void {
    this.clearFaults();
    this.resetStats();
  }

  #take(method: string, url: string, target?: string): FaultRule | undefined {
    const operation = target?.split('.').pop();
    const found = this.#queue.find(
      q =>
        (!q.rule.method || q.rule.method.toUpperCase() === method) &&
        (!q.path || q.path.test(url)) &&
        (!q.rule.operation || q.rule.operation === operation),
    );
    if (!found) return undefined;
    found.remaining -= 1;
    if (found.remaining <= 0)
      this.#queue = this.#queue.filter(q => q !== found);
    return found.rule;
  }

  middleware(): RequestHandler {
    return (req, res, next) => {
      const target = req.header('x-amz-target');
      const key = operationKey(req.method, req.originalUrl, target);
      this.#stats.requests += 1;
      this.#stats.byOperation[key] = (this.#stats.byOperation[key] ?? 0) + 1;
      const journal = this.#journal;
      let recorded = false;
      const record = (status: number) => {
        if (recorded) return;
        recorded = true;
        journal.push({
          method: req.method,
          path: req.originalUrl,
          operation: key,
          status,
        });
        if (journal.length > JOURNAL_SIZE) journal.shift();
      };
      // Journalled as the answer is sent (before the client can read it and
      // look), or with status 0 when the connection closes unanswered.
      const send = res.end.bind(res) as (...args: unknown[]) => unknown;
      (res as { end: unknown }).end = (...args: unknown[]) => {
        record(res.statusCode);
        return send(...args);
      };
      res.on('close', () => record(0));
      const fault = this.#take(req.method, req.originalUrl, target);
      if (fault?.drop && !fault.after) {
        this.#stats.faulted += 1;
        req.socket.destroy();
        return;
      }
      if (fault?.after) {
        // Acts, then answers with the fault: the handler's answer is
        // replaced as it is sent, or the connection dropped instead.
        this.#stats.faulted += 1;
        const end = res.end.bind(res) as (...args: unknown[]) => unknown;
        (res as { end: unknown }).end = () => {
          if (fault.drop || fault.status === undefined) {
            req.socket.destroy();
            return res;
          }
          for (const header of res.getHeaderNames()) res.removeHeader(header);
          if (fault.retryAfter !== undefined) {
            res.setHeader('Retry-After', String(fault.retryAfter));
          }
          const text = JSON.stringify(
            fault.body ??
              this.#errorBody(fault.status, `Injected fault ${fault.status}`),
          );
          res.statusCode = fault.status;
          res.setHeader('Content-Type', this.#contentType);
          res.setHeader('Content-Length', String(Buffer.byteLength(text)));
          return end(text);
        };
      }
      const respond = () => {
        if (!fault || fault.status === undefined || fault.after) {
          next();
          return;
        }
        this.#stats.faulted += 1;
        const status = fault.status;
        if (fault.retryAfter !== undefined) {
          res.setHeader('Retry-After', String(fault.retryAfter));
        }
        const body =
          fault.body ?? this.#errorBody(status, `Injected fault ${status}`);
        res.status(status).type(this.#contentType).send(JSON.stringify(body));
      };
      if (fault && fault.status === undefined && fault.delayMs) {
        // Acts now and answers late: the request is handled as usual, only
        // its answer is held back, as when an upstream's reply is lost.
        const held = fault.delayMs;
        const end = res.end.bind(res) as (...args: unknown[]) => unknown;
        (res as { end: unknown }).end = (...args: unknown[]) => {
          setTimeout(() => end(...args), held);
          return res;
        };
        this.#stats.faulted += 1;
      }
      if (fault && fault.status === undefined && fault.holdMs) {
        // Read the body now, while the client is still there; body parsers
        // further on skip a request whose body is already parsed.
        const held = fault.holdMs;
        const chunks: Buffer[] = [];
        req.on('data', chunk => chunks.push(chunk));
        req.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          if (raw && /json/.test(req.header('content-type') ?? '')) {
            try {
              req.body = JSON.parse(raw);
              (req as { _body?: boolean })._body = true;
            } catch {
              // left for the JSON parser to refuse
            }
          }
          this.#stats.faulted += 1;
          setTimeout(respond, this.#delayMs + held);
        });
        return;
      }
      if (this.#delayMs > 0) setTimeout(respond, this.#delayMs);
      else respond();
    };
  }
}
