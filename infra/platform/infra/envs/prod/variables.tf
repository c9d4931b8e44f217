variable "parked" {
  description = <<-EOT
    Whether prod is parked: non-essential compute scaled to zero, Aurora and
    the critical buckets untouched. Deliberately without a default: the
    wrapper (infra/platform/scripts/terraform-prod.sh) reads the recorded park
    state from SSM (/rocket-club/prod/parked) and passes it, so no plan can
    silently unpark a parked environment.
  EOT
  type        = bool
  nullable    = false
}

variable "park_portal" {
  description = "Also scale the Backstage portal to zero when parked. Off by default: the portal is how owners unpark."
  type        = bool
  default     = false
}

variable "aws_region" {
  description = "Region of every regional resource (the pinned Prefect images live in ECR here)."
  type        = string
  default     = "eu-west-2"

  validation {
    condition     = var.aws_region == "eu-west-2"
    error_message = "prod runs in eu-west-2 only (got \"${var.aws_region}\")."
  }
}

variable "aws_account_id" {
  description = "The prod account: the provider refuses any other, and the pinned image references must name it. Replace the placeholder before the first apply (infra/README.md)."
  type        = string
  default     = "111122223333"

  validation {
    condition     = can(regex("^[0-9]{12}$", var.aws_account_id))
    error_message = "aws_account_id must be 12 digits (got \"${var.aws_account_id}\")."
  }
}

variable "vpc_cidr" {
  description = "CIDR block of the prod VPC."
  type        = string
  default     = "10.40.0.0/16"
}

variable "availability_zones" {
  description = "Availability zones for subnets (Aurora needs at least two)."
  type        = list(string)
  default     = ["eu-west-2a", "eu-west-2b"]

  validation {
    condition     = length(var.availability_zones) >= 2
    error_message = "At least two availability zones are required."
  }
}

variable "portal_domain_name" {
  description = "Custom domain of the portal surface, or null for the distribution's cloudfront.net name."
  type        = string
  default     = null
}

variable "pipelines_domain_name" {
  description = "Custom domain of the pipelines (Prefect) surface, or null for the distribution's cloudfront.net name."
  type        = string
  default     = null
}

variable "cloudfront_certificate_arn" {
  description = "ACM certificate in us-east-1 covering both custom domains; required when either domain is set."
  type        = string
  default     = null
}

variable "flows_repository_url" {
  description = "HTTPS clone URL of the repository whose prefect.yaml the deployer task deploys."
  type        = string
  default     = "https://github.com/rlhatcher/blog_data.git"
}

variable "flows_ref" {
  description = "Git ref of the flows repository that the deployer task deploys unless overridden at run time."
  type        = string
  default     = "main"
}

variable "prefect_work_pool" {
  description = "Prefect work pool the ECS worker polls."
  type        = string
  default     = "ecs-prod"
}

variable "aurora" {
  description = "Aurora PostgreSQL sizing (Serverless v2 capacity units)."
  type = object({
    engine_version        = string
    min_capacity          = number
    max_capacity          = number
    instance_count        = number
    backup_retention_days = number
  })
  default = {
    engine_version        = "16.6"
    min_capacity          = 0.5
    max_capacity          = 4
    instance_count        = 1
    backup_retention_days = 14
  }
}

variable "cache" {
  description = "The portal's shared cache (ElastiCache for Valkey): node type and read replicas (0 follows Aurora's single instance; a replica adds Multi-AZ failover at the price of a second node)."
  type = object({
    node_type = string
    replicas  = number
  })
  default = {
    node_type = "cache.t4g.micro"
    replicas  = 0
  }
}

variable "ork_processor_package_key" {
  description = "Key, in the bootstrap root's packages bucket, of the ork processor's deployment package (uploaded with a SHA-256 checksum, infra/README.md)."
  type        = string
  default     = "lambda/ork-processor/ork-processor.zip"
}

variable "log_retention_days" {
  description = "Retention of every CloudWatch log group."
  type        = number
  default     = 30
}
