provider "aws" {
  region = var.aws_region

  # A plan run with credentials for any other account fails before it reads
  # or writes anything.
  allowed_account_ids = [var.aws_account_id]

  default_tags {
    tags = {
      Project     = "rocket-club"
      Environment = "prod"
      ManagedBy   = "terraform"
      Repository  = "rlhatcher/rocket-club"
      Root        = "infra/platform/infra/envs/prod"
    }
  }
}
