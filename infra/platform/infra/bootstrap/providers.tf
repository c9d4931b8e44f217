provider "aws" {
  region              = var.aws_region
  allowed_account_ids = [var.aws_account_id]

  default_tags {
    tags = {
      Project     = "rocket-club"
      Environment = "prod"
      ManagedBy   = "terraform"
      Repository  = var.github_repository
      Root        = "infra/platform/infra/bootstrap"
    }
  }
}
