terraform {
  # 1.10 brings S3-native state locking (use_lockfile).
  required_version = ">= 1.10.0, < 2.0.0"

  required_providers {
    aws = {
      source = "hashicorp/aws"
      # Exact: the version packages/infra-checks validates every block
      # against (@cdktf/provider-aws is generated from it). The committed
      # .terraform.lock.hcl pins the build (infra/README.md, "First apply").
      version = "6.25.0"
    }
  }

  # Partial configuration: the values live in prod.s3.tfbackend and are passed
  # by infra/platform/scripts/terraform-prod.sh, so every run (CI or a laptop)
  # reads and locks the same state object.
  backend "s3" {}
}
