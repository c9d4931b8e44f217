# Every pinned image must already exist in this account's ECR: an unpushed or
# mistyped tag fails the plan, instead of an ECS deployment that never starts.
# ECS runs each by the digest its tag resolves to here, so a tag moved in ECR
# (the base image's refresh) reaches prod only as a task definition change in
# a reviewed plan.
locals {
  pinned_images = {
    prefect_base_image     = local.prefect_base_image
    prefect_deployer_image = local.prefect_deployer_image
    portal_image           = local.portal_image
  }
  pinned = {
    for local_name, reference in local.pinned_images :
    local_name => regex("^(?P<registry>[^/]+)/(?P<repository>[^:@]+):(?P<tag>[A-Za-z0-9_][A-Za-z0-9._-]{0,127})$", reference)
  }
}

data "aws_ecr_image" "pinned" {
  for_each = local.pinned

  repository_name = each.value.repository
  image_tag       = each.value.tag

  lifecycle {
    precondition {
      condition     = each.value.registry == local.registry
      error_message = "local.${each.key} points at registry ${each.value.registry}, not this account's ${local.registry}."
    }
  }
}

locals {
  by_digest = {
    for local_name, image in data.aws_ecr_image.pinned :
    local_name => "${local.pinned[local_name].registry}/${local.pinned[local_name].repository}@${image.image_digest}"
  }
}
