variable "aws_region" {
  description = "Region of prod (and of its state bucket)."
  type        = string
  default     = "eu-west-2"
}

variable "aws_account_id" {
  description = "The prod account: the provider refuses any other."
  type        = string

  validation {
    condition     = can(regex("^[0-9]{12}$", var.aws_account_id))
    error_message = "aws_account_id must be 12 digits (got \"${var.aws_account_id}\")."
  }
}

variable "circleci_org_id" {
  description = "CircleCI organization ID: OIDC issuer path and audience."
  type        = string

  validation {
    condition     = can(regex("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", var.circleci_org_id))
    error_message = "circleci_org_id must be a UUID."
  }
}

variable "circleci_project_id" {
  description = "CircleCI project ID of the repository: only its jobs may assume the roles."
  type        = string

  validation {
    condition     = can(regex("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", var.circleci_project_id))
    error_message = "circleci_project_id must be a UUID."
  }
}

variable "github_repository" {
  description = "owner/name of the repository: the vcs-origin of every trusted OIDC token."
  type        = string
  default     = "rlhatcher/rocket-club"
}

variable "protected_branch" {
  description = "The only branch whose pipelines may apply, push images or refresh the base image."
  type        = string
  default     = "main"
}

variable "workload_prefix" {
  description = "Name prefix of prod's workload roles (the apply role may create only these, only with the boundary)."
  type        = string
  default     = "rocket-club-prod"
}

variable "deployer_images_kept" {
  description = "Newest deployer images kept in blog-data. Prod pins the newest (the portal's bump flow rolls forward to it), so this is the room to roll back."
  type        = number
  default     = 50

  validation {
    condition     = var.deployer_images_kept >= 10
    error_message = "Keep at least 10 deployer images (got ${var.deployer_images_kept})."
  }
}
