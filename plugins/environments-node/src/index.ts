/**
 * One model of the infrastructure files the environments plugins read,
 * shared by the backend, the sandbox and infra-checks so that the three
 * agree by construction:
 *
 * - Terraform: the locals reader, the span finder of a local's literal,
 *   the pinned-image rule and the ECR image reference;
 * - CircleCI: the pipeline parameter check (one set of messages) and the
 *   evaluation of workflow `when`/`unless` conditions;
 * - the repository root.
 *
 * The upstream API descriptions are not here: every consumer reads them
 * through `loadContract` of `@rocket-club/contracts`.
 *
 * @packageDocumentation
 */
export * from './circleci';
export * from './repository';
export * from './terraform';
