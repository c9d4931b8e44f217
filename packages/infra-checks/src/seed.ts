/**
 * Facts of the seed (`infrastructure-deployment.md`) that the infrastructure
 * code must keep exactly. The checks compare the code against these, and
 * app-config.yaml against both.
 *
 * @public
 */
export const SEED = {
  /** The repository whose pipelines apply prod. */
  repository: 'rlhatcher/rocket-club',
  ecrRepository: 'blog-data',
  region: 'eu-west-2',
  locals: {
    base: 'prefect_base_image',
    deployer: 'prefect_deployer_image',
  },
  baseTag: 'prefect-3-python3.12-ecs',
  /** `prefect-deployer-3-python3.12-<rocket-club short sha>` */
  deployerTag: /^prefect-deployer-3-python3\.12-[0-9a-f]{7,40}$/,
  parameters: {
    'terraform-prod-mode': true,
    'park-infrastructure-mode': false,
    'unpark-infrastructure-mode': false,
    'refresh-prefect-image-mode': false,
  } as Record<string, boolean>,
  workflows: {
    deploy: 'terraform-prod',
    park: 'park-infrastructure',
    unpark: 'unpark-infrastructure',
    rebuild: 'refresh-prefect-image',
  },
  /** Jobs of each workflow, in the order each must wait for the previous. */
  workflowJobs: {
    'terraform-prod': [
      'terraform-prod-plan',
      'hold-terraform-prod-apply',
      'terraform-prod-apply',
      'verify-prod-endpoints',
    ],
    'park-infrastructure': ['park-prod-env'],
    'unpark-infrastructure': ['unpark-prod-env', 'verify-prod-endpoints'],
    'refresh-prefect-image': ['build-prefect-base-image'],
  } as Record<string, string[]>,
  approvalJob: 'hold-terraform-prod-apply',
  applyJob: 'terraform-prod-apply',
  deployerJob: 'build-prefect-deployer-image',
  baseImageJob: 'build-prefect-base-image',
} as const;
