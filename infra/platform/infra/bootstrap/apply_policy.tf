locals {
  workload_roles = "arn:aws:iam::${var.aws_account_id}:role/${var.workload_prefix}-*"
  boundary_arn   = "arn:aws:iam::${var.aws_account_id}:policy/${var.workload_prefix}-workload-boundary"
}

# What terraform-prod-apply, park and unpark need to manage the prod root:
# broad within the services the modules use, but one account, two regions,
# workload roles only under their prefix and only with the boundary, nothing
# about the CI roles, and never a secret's value.
data "aws_iam_policy_document" "apply" {
  statement {
    sid       = "State"
    actions   = ["s3:ListBucket", "s3:GetObject", "s3:PutObject", "s3:DeleteObject"]
    resources = [aws_s3_bucket.state.arn, local.state_objects]
  }

  statement {
    sid       = "ParkState"
    actions   = ["ssm:GetParameter", "ssm:PutParameter"]
    resources = [local.park_parameter]
  }

  statement {
    sid = "ManagedServices"
    actions = [
      "application-autoscaling:*",
      "cloudfront:*",
      "ec2:*",
      "ecr:Describe*",
      "ecr:List*",
      "ecr:GetLifecyclePolicy",
      "ecr:GetRepositoryPolicy",
      "ecs:*",
      "elasticache:*",
      "elasticloadbalancing:*",
      "lambda:*",
      "logs:*",
      "rds:*",
      "route53:*",
      "s3:*",
      "secretsmanager:CreateSecret",
      "secretsmanager:DeleteSecret",
      "secretsmanager:DescribeSecret",
      "secretsmanager:GetResourcePolicy",
      "secretsmanager:ListSecrets",
      "secretsmanager:TagResource",
      "secretsmanager:UntagResource",
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
    sid = "WorkloadRolesOnlyWithTheBoundary"
    actions = [
      "iam:CreateRole",
      "iam:PutRolePermissionsBoundary",
      "iam:PutRolePolicy",
      "iam:DeleteRolePolicy",
      "iam:AttachRolePolicy",
      "iam:DetachRolePolicy",
    ]
    resources = [local.workload_roles]

    condition {
      test     = "StringEquals"
      variable = "iam:PermissionsBoundary"
      values   = [local.boundary_arn]
    }
  }

  statement {
    sid = "WorkloadRolesRead"
    actions = [
      "iam:DeleteRole",
      "iam:GetRole",
      "iam:GetRolePolicy",
      "iam:ListAttachedRolePolicies",
      "iam:ListInstanceProfilesForRole",
      "iam:ListRolePolicies",
      "iam:TagRole",
      "iam:UntagRole",
      "iam:UpdateAssumeRolePolicy",
      "iam:UpdateRole",
      "iam:UpdateRoleDescription",
    ]
    resources = [local.workload_roles]
  }

  statement {
    sid       = "PassWorkloadRolesToTheirServices"
    actions   = ["iam:PassRole"]
    resources = [local.workload_roles]

    condition {
      test     = "StringEquals"
      variable = "iam:PassedToService"
      values   = ["ecs-tasks.amazonaws.com", "lambda.amazonaws.com"]
    }
  }

  statement {
    sid       = "ReadPolicies"
    actions   = ["iam:GetPolicy", "iam:GetPolicyVersion", "iam:ListPolicyVersions"]
    resources = ["arn:aws:iam::aws:policy/*", local.boundary_arn]
  }

  # data.aws_iam_policy.workload_boundary looks the boundary up by name.
  statement {
    sid       = "FindPolicies"
    actions   = ["iam:ListPolicies"]
    resources = ["*"]
  }

  statement {
    sid       = "ServiceLinkedRoles"
    actions   = ["iam:CreateServiceLinkedRole"]
    resources = ["arn:aws:iam::${var.aws_account_id}:role/aws-service-role/*"]
  }

  # Explicit denies win over any allow above (and over a future edit of it).
  statement {
    sid     = "NeverTheCiRolesOrTheProvider"
    effect  = "Deny"
    actions = ["iam:*"]
    resources = [
      "arn:aws:iam::${var.aws_account_id}:role/rocket-club-ci-*",
      "arn:aws:iam::${var.aws_account_id}:oidc-provider/*",
    ]
  }

  # Read, never changed (plans look it up by name).
  statement {
    sid    = "NeverChangeTheBoundary"
    effect = "Deny"
    actions = [
      "iam:CreatePolicyVersion",
      "iam:DeletePolicy",
      "iam:DeletePolicyVersion",
      "iam:SetDefaultPolicyVersion",
      "iam:TagPolicy",
      "iam:UntagPolicy",
    ]
    resources = [local.boundary_arn]
  }

  statement {
    sid       = "NeverRemoveTheBoundary"
    effect    = "Deny"
    actions   = ["iam:DeleteRolePermissionsBoundary", "iam:CreateUser", "iam:CreateAccessKey", "iam:CreatePolicy", "iam:CreatePolicyVersion"]
    resources = ["*"]
  }

  statement {
    sid    = "NeverSecretValues"
    effect = "Deny"
    actions = [
      "secretsmanager:GetSecretValue",
      "secretsmanager:BatchGetSecretValue",
      "secretsmanager:PutSecretValue",
      "secretsmanager:UpdateSecret",
      "secretsmanager:RotateSecret",
      "secretsmanager:PutResourcePolicy",
      "rds-data:ExecuteStatement",
      "rds-data:BatchExecuteStatement",
    ]
    resources = ["*"]
  }

  # Terraform creates the cache and its users, but never logs in to it (IAM
  # authentication is how a principal would, modules/cache).
  statement {
    sid       = "NeverConnectToTheCache"
    effect    = "Deny"
    actions   = ["elasticache:Connect"]
    resources = ["*"]
  }

  # Terraform registers task definitions and updates services, which reviewed
  # plans change; it never starts a task or opens a shell in one, which is how
  # injected secrets would be read.
  statement {
    sid       = "NeverRunTasks"
    effect    = "Deny"
    actions   = ["ecs:RunTask", "ecs:StartTask", "ecs:ExecuteCommand", "lambda:InvokeFunction"]
    resources = ["*"]
  }
}
