/**
 * Validation of the repository's infrastructure code (Terraform, the
 * CircleCI config, scripts and Dockerfiles) against the seed and against
 * app-config.yaml. Every check returns its problems as lines of text; this
 * package's tests run them on the checkout.
 *
 * @packageDocumentation
 */
export {
  checkImageJobs,
  checkModeParameters,
  MODE_PARAMETERS,
  checkParameterReferences,
  checkWorkflows,
  validateAgainstSchema,
} from './circleci';
export {
  checkCache,
  checkNoPlainSecrets,
  checkProductionVariablesProvided,
  containerVariables,
} from './cache';
export {
  checkPortalDockerfile,
  checkPrefectImages,
  checkRuntimeStage,
} from './dockerfiles';
export { checkDrift, type EnvironmentDefinition } from './drift';
export {
  checkEcrRepositories,
  checkPinnedImages,
  checkProtectedFromDestroy,
  findLatest,
} from './images';
export { checkModes, MODE_EXPECTATIONS, type ModeExpectation } from './modes';
export { loadRepository, type Repository } from './repository';
export { SEED } from './seed';
export {
  checkModuleCalls,
  checkReferences,
  checkVariablesDeclared,
} from './terraform';
export { selectWorkflows } from './when';
export { checkParkScope, checkWrapperOptions } from './wrapper';
export { checkFirstApply, checkPipelines } from './firstApply';
export {
  checkPlaceholdersAndNames,
  checkTerraformHygiene,
  findSwallowedFailures,
} from './hygiene';
export {
  checkDatabaseCredentials,
  checkDeployerRetention,
  checkDigestPinning,
  checkFlowRunRoles,
} from './runtime';
export {
  checkProviderSchema,
  schemaProviderVersion,
  typeSchema,
  type BlockSchema,
} from './schema';
export {
  checkBoundariesAndDeletes,
  checkCiPolicies,
  checkCiTrust,
  checkCircleRoles,
} from './security';
export type { CircleConfig } from './circleci';
export type { Dockerfile } from './dockerfiles';
export type { HclBody, TerraformFile, TerraformModule } from './terraform';
