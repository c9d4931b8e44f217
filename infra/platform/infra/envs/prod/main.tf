locals {
  name = "rocket-club-prod"

  # The Prefect images, pinned to immutable tags in ECR blog-data. Each is a
  # plain string literal on its own line: the portal reads these locals with
  # an HCL parser and rolls the deployer forward by editing exactly that one
  # string in a pull request (infra/README.md, "Rolling the deployer forward").
  prefect_base_image     = "111122223333.dkr.ecr.eu-west-2.amazonaws.com/blog-data:prefect-3-python3.12-ecs"
  prefect_deployer_image = "111122223333.dkr.ecr.eu-west-2.amazonaws.com/blog-data:prefect-deployer-3-python3.12-11b8913"

  # The portal's own image (docker/Dockerfile), built by portal-ci on main.
  portal_image = "111122223333.dkr.ecr.eu-west-2.amazonaws.com/rocket-club-portal:portal-11b8913"

  # Registry every pinned image must come from: this account, this region.
  registry = "${var.aws_account_id}.dkr.ecr.${var.aws_region}.amazonaws.com"

  portal_url    = var.portal_domain_name == null ? "https://${module.cloudfront.portal_domain_name}" : "https://${var.portal_domain_name}"
  pipelines_url = var.pipelines_domain_name == null ? "https://${module.cloudfront.pipelines_domain_name}" : "https://${var.pipelines_domain_name}"
}

module "networking" {
  source = "../../modules/networking"

  name               = local.name
  region             = var.aws_region
  cidr_block         = var.vpc_cidr
  availability_zones = var.availability_zones
}

# Created by the bootstrap root (infra/platform/infra/bootstrap), which must
# exist before this root's first plan: the image repositories, the packages
# bucket and the permissions boundary of every role created here.
data "aws_ecr_repository" "this" {
  for_each = toset(["blog-data", "rocket-club-portal"])

  name = each.key
}

data "aws_iam_policy" "workload_boundary" {
  name = "${local.name}-workload-boundary"
}

module "s3" {
  source = "../../modules/s3"

  name_prefix = "${local.name}-${var.aws_account_id}"
  # Versioned and protected from destroy: the data platform's own data.
  critical_buckets = ["raw", "curated", "ork-uploads"]
  # Rebuildable: deployment packages and Prefect flow storage.
  standard_buckets = ["artifacts"]
}

module "secrets" {
  source = "../../modules/secrets"

  name_prefix = "rocket-club/prod"
  secrets = {
    portal    = "Backstage portal: BACKEND_SECRET, GITHUB_TOKEN, CIRCLECI_TOKEN, CIRCLECI_WEBHOOK_SECRET, AUTH_GITHUB_CLIENT_ID, AUTH_GITHUB_CLIENT_SECRET"
    prefect   = "Prefect server basic auth: API_AUTH_STRING (user:password)"
    flows-git = "Read-only token to clone the flows repository: GITHUB_TOKEN"
    # One database user per application (created through the Data API,
    # infra/README.md): never the RDS-managed master user.
    db-portal  = "Aurora user of the portal (LOGIN CREATEDB): username, password"
    db-prefect = "Aurora user of the Prefect server (owner of database prefect): username, password"
    # The portal's cache user; the same password is set on the user with
    # aws elasticache modify-user (infra/README.md), never by Terraform.
    cache-portal = "ElastiCache user of the portal (module cache output portal_username): password"
  }
}

module "aurora" {
  source = "../../modules/aurora"

  name                  = local.name
  vpc_id                = module.networking.vpc_id
  subnet_ids            = module.networking.private_subnet_ids
  engine_version        = var.aurora.engine_version
  min_capacity          = var.aurora.min_capacity
  max_capacity          = var.aurora.max_capacity
  instance_count        = var.aurora.instance_count
  backup_retention_days = var.aurora.backup_retention_days
  allowed_security_group_ids = {
    portal         = module.ecs.portal_security_group_id
    prefect_server = module.ecs.prefect_server_security_group_id
  }
}

module "cache" {
  source = "../../modules/cache"

  name                     = local.name
  vpc_id                   = module.networking.vpc_id
  subnet_ids               = module.networking.private_subnet_ids
  portal_security_group_id = module.ecs.portal_security_group_id
  node_type                = var.cache.node_type
  replicas                 = var.cache.replicas
  log_retention_days       = var.log_retention_days
}

module "iam" {
  source = "../../modules/iam"

  name                     = local.name
  permissions_boundary_arn = data.aws_iam_policy.workload_boundary.arn
  ecr_repository_arns      = [for repository in data.aws_ecr_repository.this : repository.arn]
  data_bucket_arns         = [module.s3.bucket_arns["raw"], module.s3.bucket_arns["curated"]]
  artifacts_bucket_arn     = module.s3.bucket_arns["artifacts"]
  task_secret_arns = [
    module.secrets.arns["portal"],
    module.secrets.arns["prefect"],
    module.secrets.arns["flows-git"],
    module.secrets.arns["db-portal"],
    module.secrets.arns["db-prefect"],
    module.secrets.arns["cache-portal"],
  ]
}

module "ecs" {
  source = "../../modules/ecs"

  name               = local.name
  aws_region         = var.aws_region
  vpc_id             = module.networking.vpc_id
  vpc_cidr_block     = module.networking.vpc_cidr_block
  private_subnet_ids = module.networking.private_subnet_ids
  log_retention_days = var.log_retention_days

  execution_role_arn             = module.iam.ecs_execution_role_arn
  portal_task_role_arn           = module.iam.portal_task_role_arn
  prefect_worker_task_role_arn   = module.iam.prefect_worker_task_role_arn
  prefect_deployer_task_role_arn = module.iam.prefect_deployer_task_role_arn

  # By digest: a rebuilt image under the same tag is a reviewed task
  # definition change in the next plan, never a silent swap (images.tf).
  portal_image           = local.by_digest["portal_image"]
  prefect_base_image     = local.by_digest["prefect_base_image"]
  prefect_deployer_image = local.by_digest["prefect_deployer_image"]

  # Park mode: the Prefect server and worker stop; the portal stays up unless
  # park_portal says otherwise (a new environment starts with both: its
  # secrets and database users do not exist yet, see terraform-prod.sh).
  portal_desired_count         = var.parked && var.park_portal ? 0 : 1
  prefect_server_desired_count = var.parked ? 0 : 1
  prefect_worker_desired_count = var.parked ? 0 : 1

  portal_base_url   = local.portal_url
  pipelines_url     = local.pipelines_url
  prefect_work_pool = var.prefect_work_pool
  flows_repository  = var.flows_repository_url
  flows_ref         = var.flows_ref

  database = {
    host               = module.aurora.endpoint
    port               = module.aurora.port
    name               = module.aurora.database_name
    portal_secret_arn  = module.secrets.arns["db-portal"]
    prefect_secret_arn = module.secrets.arns["db-prefect"]
  }
  cache = {
    host                = module.cache.host
    port                = module.cache.port
    username            = module.cache.portal_username
    password_secret_arn = module.secrets.arns["cache-portal"]
  }
  portal_secret_arn    = module.secrets.arns["portal"]
  prefect_secret_arn   = module.secrets.arns["prefect"]
  flows_git_secret_arn = module.secrets.arns["flows-git"]
}

module "cloudfront" {
  source = "../../modules/cloudfront"

  name                  = local.name
  alb_arn               = module.ecs.alb_arn
  alb_dns_name          = module.ecs.alb_dns_name
  surface_header_name   = module.ecs.surface_header_name
  portal_domain_name    = var.portal_domain_name
  pipelines_domain_name = var.pipelines_domain_name
  certificate_arn       = var.cloudfront_certificate_arn
}

module "ork_processor" {
  source = "../../modules/lambda-ork-processor"

  name                     = "${local.name}-ork-processor"
  permissions_boundary_arn = data.aws_iam_policy.workload_boundary.arn
  package_bucket           = "${local.name}-${var.aws_account_id}-packages"
  package_key              = var.ork_processor_package_key
  uploads_bucket_id        = module.s3.bucket_ids["ork-uploads"]
  uploads_bucket_arn       = module.s3.bucket_arns["ork-uploads"]
  output_bucket_id         = module.s3.bucket_ids["curated"]
  output_bucket_arn        = module.s3.bucket_arns["curated"]
  log_retention_days       = var.log_retention_days
  # Park mode: stop consuming; uploads wait in the queue until unpark.
  enabled = !var.parked
}
