data "aws_caller_identity" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
}

# What Terraform needs to manage this root module. Broad within the services
# the modules use, but: one account, two regions, IAM only under the name
# prefix, and never a secret's value.
data "aws_iam_policy_document" "circleci_deploy" {
  statement {
    sid       = "State"
    actions   = ["s3:ListBucket", "s3:GetObject", "s3:PutObject", "s3:DeleteObject"]
    resources = ["arn:aws:s3:::${var.state_bucket}", "arn:aws:s3:::${var.state_bucket}/*"]
  }

  statement {
    sid       = "ParkState"
    actions   = ["ssm:GetParameter", "ssm:PutParameter"]
    resources = [var.park_parameter_arn]
  }

  statement {
    sid = "ManagedServices"
    actions = [
      "application-autoscaling:*",
      "cloudfront:*",
      "ec2:*",
      "ecr:*",
      "ecs:*",
      "elasticloadbalancing:*",
      "lambda:*",
      "logs:*",
      "rds:*",
      "route53:*",
      "s3:*",
      "secretsmanager:*",
      "servicediscovery:*",
      "sqs:*",
      "ssm:*",
    ]
    resources = ["*"]

    condition {
      test     = "StringEquals"
      variable = "aws:RequestedRegion"
      values   = [var.aws_region, "us-east-1"]
    }
  }

  statement {
    sid = "OwnIamOnly"
    actions = [
      "iam:*Role*",
      "iam:*RolePolicy*",
      "iam:*OpenIDConnectProvider*",
      "iam:GetPolicy*",
      "iam:ListPolicies",
      "iam:PassRole",
    ]
    resources = [
      "arn:aws:iam::${local.account_id}:role/${var.name}-*",
      "arn:aws:iam::${local.account_id}:oidc-provider/oidc.circleci.com/*",
      "arn:aws:iam::aws:policy/*",
    ]
  }

  statement {
    sid       = "ServiceLinkedRoles"
    actions   = ["iam:CreateServiceLinkedRole"]
    resources = ["arn:aws:iam::${local.account_id}:role/aws-service-role/*"]
  }

  statement {
    sid       = "NeverSecretValues"
    effect    = "Deny"
    actions   = ["secretsmanager:GetSecretValue", "secretsmanager:PutSecretValue"]
    resources = ["*"]
  }
}
