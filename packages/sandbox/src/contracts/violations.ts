import { SandboxLogger } from '../logger';

/**
 * How contract violations are handled: `strict` records them and answers
 * with an error instead of the offending exchange (tests), `warn` records and
 * logs them but lets the exchange through (development), `off` skips checks.
 *
 * @public
 */
export type ContractMode = 'strict' | 'warn' | 'off';

/**
 * A request or response that does not match the upstream's contract.
 *
 * @public
 */
export interface ContractViolation {
  upstream: string;
  direction: 'request' | 'response';
  method: string;
  path: string;
  status?: number;
  operation?: string;
  problems: string[];
}

/** Collects violations for `sandbox.violations()` and the admin API. */
export class ViolationLog {
  readonly #items: ContractViolation[] = [];
  readonly #logger: SandboxLogger;

  constructor(logger: SandboxLogger) {
    this.#logger = logger;
  }

  record(violation: ContractViolation): void {
    this.#items.push(violation);
    this.#logger.warn(
      `contract violation (${violation.upstream} ${violation.direction}) ${
        violation.method
      } ${violation.path}${
        violation.status ? ` -> ${violation.status}` : ''
      }: ${violation.problems.join('; ')}`,
    );
  }

  list(): ContractViolation[] {
    return [...this.#items];
  }

  clear(): void {
    this.#items.length = 0;
  }
}
