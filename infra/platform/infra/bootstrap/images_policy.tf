locals {
  push_actions = [
    "ecr:BatchCheckLayerAvailability",
    "ecr:BatchGetImage",
    "ecr:CompleteLayerUpload",
    "ecr:DescribeImages",
    "ecr:DescribeRepositories",
    "ecr:GetDownloadUrlForLayer",
    "ecr:InitiateLayerUpload",
    "ecr:PutImage",
    "ecr:UploadLayerPart",
  ]
}

# Deployer and portal images: push new tags, never delete one.
data "aws_iam_policy_document" "image_push" {
  statement {
    sid       = "Login"
    actions   = ["ecr:GetAuthorizationToken"]
    resources = ["*"]
  }

  statement {
    sid       = "Push"
    actions   = local.push_actions
    resources = [for repository in local.repositories : repository.repository_arn]
  }
}

# The base image's deliberate refresh (push-image.sh --if-exists retag) is the
# one job that untags, in blog-data only. Prod runs images by digest, so a
# moved tag changes nothing until a reviewed plan pins the new digest.
data "aws_iam_policy_document" "base_image_refresh" {
  statement {
    sid       = "Login"
    actions   = ["ecr:GetAuthorizationToken"]
    resources = ["*"]
  }

  statement {
    sid       = "PushAndMoveTheBaseTag"
    actions   = concat(local.push_actions, ["ecr:BatchDeleteImage"])
    resources = [module.ecr_blog_data.repository_arn]
  }
}
