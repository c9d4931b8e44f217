terraform {
  required_version = ">= 1.10.0, < 2.0.0"

  required_providers {
    aws = {
      source = "hashicorp/aws"
      # Exact: the version packages/infra-checks validates every block against
      # (@cdktf/provider-aws is generated from it); .terraform.lock.hcl pins
      # the build.
      version = "6.25.0"
    }
  }

  # State beside prod's, under its own key (bootstrap.s3.tfbackend). The
  # bucket itself is created by hand first and then imported (main.tf).
  backend "s3" {}
}
