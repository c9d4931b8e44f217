# What must exist before prod's first plan, and what prod's own CI must never
# be able to change: the state bucket, the image repositories and the bucket of
# deployment packages (prod's plan looks images and packages up), the CircleCI
# OIDC provider and roles, and the permissions boundary of every role prod
# creates. Applied once, by hand, with administrator credentials
# (infra/README.md, "First apply"); CircleCI has no role that can change it.
locals {
  state_bucket    = "rocket-club-terraform-state-${var.aws_account_id}"
  packages_bucket = "${var.workload_prefix}-${var.aws_account_id}-packages"
}

# Created by hand before the first init (its state lives in it), then adopted:
# the import is a no-op once the bucket is in state.
import {
  to = aws_s3_bucket.state
  id = local.state_bucket
}

resource "aws_s3_bucket" "state" {
  bucket = local.state_bucket

  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_s3_bucket" "packages" {
  bucket = local.packages_bucket

  lifecycle {
    prevent_destroy = true
  }
}

locals {
  bootstrap_buckets = {
    state    = aws_s3_bucket.state
    packages = aws_s3_bucket.packages
  }
}

resource "aws_s3_bucket_versioning" "this" {
  for_each = local.bootstrap_buckets

  bucket = each.value.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_public_access_block" "this" {
  for_each = local.bootstrap_buckets

  bucket                  = each.value.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  for_each = local.bootstrap_buckets

  bucket = each.value.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
    bucket_key_enabled = true
  }
}

# Prod pins images here by digest (envs/prod/images.tf): the repositories
# must exist, with images, before its first plan.
module "ecr_blog_data" {
  source = "../modules/ecr"

  name = "blog-data"
  # The deployer is built for every commit of main; only the newest are kept.
  # The base image and its archive tags never match this prefix.
  keep_newest_tagged = { "prefect-deployer-3-python3.12-" = var.deployer_images_kept }
}

module "ecr_portal" {
  source = "../modules/ecr"

  name = "rocket-club-portal"
}

locals {
  repositories = {
    blog-data          = module.ecr_blog_data
    rocket-club-portal = module.ecr_portal
  }
}
