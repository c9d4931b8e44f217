# CircleCI jobs authenticate with their OIDC token: no long-lived AWS keys
# exist anywhere. Only jobs of this project can assume the roles; the roles
# are named in the restricted context rocket-club-prod, whose security group
# decides who can run (and approve) them.
resource "aws_iam_openid_connect_provider" "circleci" {
  url            = "https://oidc.circleci.com/org/${var.circleci_org_id}"
  client_id_list = [var.circleci_org_id]
}

data "aws_iam_policy_document" "circleci_trust" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = [aws_iam_openid_connect_provider.circleci.arn]
    }

    condition {
      test     = "StringEquals"
      variable = "oidc.circleci.com/org/${var.circleci_org_id}:aud"
      values   = [var.circleci_org_id]
    }

    condition {
      test     = "StringLike"
      variable = "oidc.circleci.com/org/${var.circleci_org_id}:sub"
      values   = ["org/${var.circleci_org_id}/project/${var.circleci_project_id}/user/*"]
    }
  }
}

# Terraform plan/apply, park/unpark and the endpoint checks.
resource "aws_iam_role" "circleci_deploy" {
  name                 = "${var.name}-circleci-deploy"
  description          = "Assumed by rocket-club CircleCI jobs to run infra/platform/scripts/terraform-prod.sh"
  assume_role_policy   = data.aws_iam_policy_document.circleci_trust.json
  max_session_duration = 7200
}

resource "aws_iam_role_policy" "circleci_deploy" {
  name   = "terraform-prod"
  role   = aws_iam_role.circleci_deploy.id
  policy = data.aws_iam_policy_document.circleci_deploy.json
}

# Image builds: push to the listed repositories, nothing else.
resource "aws_iam_role" "circleci_image_push" {
  name                 = "${var.name}-circleci-image-push"
  description          = "Assumed by rocket-club CircleCI jobs to push images to ECR"
  assume_role_policy   = data.aws_iam_policy_document.circleci_trust.json
  max_session_duration = 3600
}

data "aws_iam_policy_document" "circleci_image_push" {
  statement {
    sid       = "Login"
    actions   = ["ecr:GetAuthorizationToken"]
    resources = ["*"]
  }

  statement {
    sid = "PushAndInspect"
    actions = [
      "ecr:BatchCheckLayerAvailability",
      "ecr:BatchGetImage",
      "ecr:CompleteLayerUpload",
      "ecr:DescribeImages",
      "ecr:GetDownloadUrlForLayer",
      "ecr:InitiateLayerUpload",
      "ecr:PutImage",
      "ecr:UploadLayerPart",
      # Only the base image's deliberate refresh untags (push-prefect-image.sh --if-exists retag).
      "ecr:BatchDeleteImage",
    ]
    resources = var.ecr_repository_arns
  }
}

resource "aws_iam_role_policy" "circleci_image_push" {
  name   = "ecr-push"
  role   = aws_iam_role.circleci_image_push.id
  policy = data.aws_iam_policy_document.circleci_image_push.json
}
