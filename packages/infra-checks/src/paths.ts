/** Where the seed puts things, relative to the repository root. */
export const REPO_PATHS = {
  terraformRoot: 'infra/platform/infra/envs/prod',
  /** Applied once by hand: state bucket, ECR, CI roles, boundary. */
  bootstrapRoot: 'infra/platform/infra/bootstrap',
  modules: 'infra/platform/infra/modules',
  wrapper: 'infra/platform/scripts/terraform-prod.sh',
  circleci: '.circleci/config.yml',
  appConfig: 'app-config.yaml',
  baseDockerfile: 'infra/platform/docker/prefect-base-ecs/Dockerfile',
  deployerDockerfile: 'infra/platform/docker/prefect-deployer/Dockerfile',
  portalDockerfile: 'docker/Dockerfile',
} as const;
