variable "name" {
  description = "Cluster name and prefix of every resource."
  type        = string
}

variable "aws_region" {
  description = "Region (log configuration of every container)."
  type        = string
}

variable "vpc_id" {
  description = "VPC of the load balancer and the tasks."
  type        = string
}

variable "vpc_cidr_block" {
  description = "CIDR of the VPC: CloudFront VPC origins reach the internal load balancer from inside it."
  type        = string
}

variable "private_subnet_ids" {
  description = "Private subnets for the load balancer and the tasks."
  type        = list(string)
}

variable "log_retention_days" {
  description = "Retention of the container log groups."
  type        = number
}

variable "execution_role_arn" {
  description = "ECS task execution role."
  type        = string
}

variable "portal_task_role_arn" {
  description = "Task role of the portal."
  type        = string
}

variable "prefect_worker_task_role_arn" {
  description = "Task role of the Prefect worker."
  type        = string
}

variable "prefect_deployer_task_role_arn" {
  description = "Task role of the Prefect deployer."
  type        = string
}

variable "portal_image" {
  description = "The portal image by digest (root images.tf resolves the pinned tag)."
  type        = string

  validation {
    condition     = can(regex("^[0-9]{12}\\.dkr\\.ecr\\.[a-z0-9-]+\\.amazonaws\\.com/[a-z0-9._/-]+@sha256:[0-9a-f]{64}$", var.portal_image))
    error_message = "portal_image must name an ECR image by digest (<registry>/<repository>@sha256:...), got \"${var.portal_image}\"."
  }
}

variable "prefect_base_image" {
  description = "The Prefect server and worker image by digest (blog-data:prefect-3-python3.12-ecs resolved at plan time)."
  type        = string

  validation {
    condition     = can(regex("^[0-9]{12}\\.dkr\\.ecr\\.[a-z0-9-]+\\.amazonaws\\.com/[a-z0-9._/-]+@sha256:[0-9a-f]{64}$", var.prefect_base_image))
    error_message = "prefect_base_image must name an ECR image by digest (<registry>/<repository>@sha256:...), got \"${var.prefect_base_image}\"."
  }
}

variable "prefect_deployer_image" {
  description = "The Prefect deployer image by digest (blog-data:prefect-deployer-3-python3.12-<sha> resolved at plan time)."
  type        = string

  validation {
    condition     = can(regex("^[0-9]{12}\\.dkr\\.ecr\\.[a-z0-9-]+\\.amazonaws\\.com/[a-z0-9._/-]+@sha256:[0-9a-f]{64}$", var.prefect_deployer_image))
    error_message = "prefect_deployer_image must name an ECR image by digest (<registry>/<repository>@sha256:...), got \"${var.prefect_deployer_image}\"."
  }
}

variable "portal_desired_count" {
  description = "Portal tasks (0 only when parked with park_portal)."
  type        = number
}

variable "prefect_server_desired_count" {
  description = "Prefect server tasks: 1, or 0 when parked (the server runs database migrations, so never more than one)."
  type        = number

  validation {
    condition     = contains([0, 1], var.prefect_server_desired_count)
    error_message = "The Prefect server runs as a single task (0 or 1)."
  }
}

variable "prefect_worker_desired_count" {
  description = "Prefect worker tasks (0 when parked)."
  type        = number
}

variable "portal_base_url" {
  description = "Public URL of the portal (PORTAL_BASE_URL)."
  type        = string
}

variable "pipelines_url" {
  description = "Public URL of the Prefect UI; the UI calls <url>/api."
  type        = string
}

variable "prefect_work_pool" {
  description = "Work pool the worker polls."
  type        = string
}

variable "flows_repository" {
  description = "HTTPS clone URL of the flows repository (the deployer's input)."
  type        = string
}

variable "flows_ref" {
  description = "Default git ref the deployer deploys."
  type        = string
}

variable "database" {
  description = "Aurora connection: host, port, the Prefect database's name and one secret per application user (JSON username/password). Never the RDS-managed master secret: RDS rotates it, and ECS injects secrets only at task start."
  type = object({
    host               = string
    port               = number
    name               = string
    portal_secret_arn  = string
    prefect_secret_arn = string
  })
}

variable "cache" {
  description = "The portal's shared cache: primary endpoint host and port, the portal's user name, and the secret whose JSON key password is that user's password (injected, never a plain environment value)."
  type = object({
    host                = string
    port                = number
    username            = string
    password_secret_arn = string
  })
}

variable "portal_secret_arn" {
  description = "Secret with the portal's JSON keys (see local.portal_secret_keys)."
  type        = string
}

variable "prefect_secret_arn" {
  description = "Secret with the Prefect basic auth string (JSON key API_AUTH_STRING)."
  type        = string
}

variable "flows_git_secret_arn" {
  description = "Secret with a read-only token for the flows repository (JSON key GITHUB_TOKEN)."
  type        = string
}

variable "surface_header_name" {
  description = "Header CloudFront sets to say which surface (portal or pipelines) a request is for."
  type        = string
  default     = "X-Rocket-Club-Surface"
}
