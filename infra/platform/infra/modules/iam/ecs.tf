data "aws_caller_identity" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
}

data "aws_iam_policy_document" "ecs_tasks_trust" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

# Used by ECS itself for the portal and Prefect's own tasks: pull images,
# write logs, inject their secrets at start. Never handed to flow runs.
resource "aws_iam_role" "ecs_execution" {
  name                 = "${var.name}-ecs-execution"
  assume_role_policy   = data.aws_iam_policy_document.ecs_tasks_trust.json
  permissions_boundary = var.permissions_boundary_arn
}

resource "aws_iam_role_policy_attachment" "ecs_execution" {
  role       = aws_iam_role.ecs_execution.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}

data "aws_iam_policy_document" "ecs_execution_secrets" {
  statement {
    actions   = ["secretsmanager:GetSecretValue"]
    resources = var.task_secret_arns
  }
}

resource "aws_iam_role_policy" "ecs_execution_secrets" {
  name   = "inject-secrets"
  role   = aws_iam_role.ecs_execution.id
  policy = data.aws_iam_policy_document.ecs_execution_secrets.json
}

# The portal reads image tags and digests from ECR (images card, bump flow).
resource "aws_iam_role" "portal_task" {
  name                 = "${var.name}-portal-task"
  assume_role_policy   = data.aws_iam_policy_document.ecs_tasks_trust.json
  permissions_boundary = var.permissions_boundary_arn
}

data "aws_iam_policy_document" "portal_task" {
  statement {
    actions   = ["ecr:DescribeImages", "ecr:ListImages", "ecr:DescribeRepositories"]
    resources = var.ecr_repository_arns
  }
}

resource "aws_iam_role_policy" "portal_task" {
  name   = "read-ecr"
  role   = aws_iam_role.portal_task.id
  policy = data.aws_iam_policy_document.portal_task.json
}

# What ECS itself uses to start a flow run: pull the image, write logs. No
# secret: flow runs run code from another repository.
resource "aws_iam_role" "prefect_flow_run_execution" {
  name                 = "${var.name}-prefect-flow-run-execution"
  assume_role_policy   = data.aws_iam_policy_document.ecs_tasks_trust.json
  permissions_boundary = var.permissions_boundary_arn
}

resource "aws_iam_role_policy_attachment" "prefect_flow_run_execution" {
  role       = aws_iam_role.prefect_flow_run_execution.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}

# Flow runs started by the worker: the data-platform buckets and nothing else.
resource "aws_iam_role" "prefect_flow_run" {
  name                 = "${var.name}-prefect-flow-run"
  assume_role_policy   = data.aws_iam_policy_document.ecs_tasks_trust.json
  permissions_boundary = var.permissions_boundary_arn
}

data "aws_iam_policy_document" "prefect_flow_run" {
  statement {
    actions   = ["s3:ListBucket", "s3:GetBucketLocation"]
    resources = concat(var.data_bucket_arns, [var.artifacts_bucket_arn])
  }

  statement {
    actions   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]
    resources = [for arn in var.data_bucket_arns : "${arn}/*"]
  }

  statement {
    sid       = "FlowCode"
    actions   = ["s3:GetObject"]
    resources = ["${var.artifacts_bucket_arn}/prefect/*"]
  }
}

resource "aws_iam_role_policy" "prefect_flow_run" {
  name   = "data-buckets"
  role   = aws_iam_role.prefect_flow_run.id
  policy = data.aws_iam_policy_document.prefect_flow_run.json
}

# The ECS worker (prefect worker start --type ecs) starts one task per flow run.
resource "aws_iam_role" "prefect_worker_task" {
  name                 = "${var.name}-prefect-worker-task"
  assume_role_policy   = data.aws_iam_policy_document.ecs_tasks_trust.json
  permissions_boundary = var.permissions_boundary_arn
}

data "aws_iam_policy_document" "prefect_worker_task" {
  statement {
    sid = "RunFlowTasks"
    actions = [
      "ecs:DeregisterTaskDefinition",
      "ecs:DescribeTaskDefinition",
      "ecs:DescribeTasks",
      "ecs:ListTaskDefinitions",
      "ecs:RegisterTaskDefinition",
      "ecs:RunTask",
      "ecs:StopTask",
      "ecs:TagResource",
      "ec2:DescribeSubnets",
      "ec2:DescribeVpcs",
      "logs:GetLogEvents",
    ]
    resources = ["*"]
  }

  statement {
    sid       = "HandFlowRunsTheirRoles"
    actions   = ["iam:PassRole"]
    resources = [aws_iam_role.prefect_flow_run_execution.arn, aws_iam_role.prefect_flow_run.arn]

    condition {
      test     = "StringEquals"
      variable = "iam:PassedToService"
      values   = ["ecs-tasks.amazonaws.com"]
    }
  }
}

resource "aws_iam_role_policy" "prefect_worker_task" {
  name   = "run-flow-tasks"
  role   = aws_iam_role.prefect_worker_task.id
  policy = data.aws_iam_policy_document.prefect_worker_task.json
}

# The deployer (prefect deploy --all) may push flow code to flow storage.
resource "aws_iam_role" "prefect_deployer_task" {
  name                 = "${var.name}-prefect-deployer-task"
  assume_role_policy   = data.aws_iam_policy_document.ecs_tasks_trust.json
  permissions_boundary = var.permissions_boundary_arn
}

data "aws_iam_policy_document" "prefect_deployer_task" {
  statement {
    actions   = ["s3:ListBucket"]
    resources = [var.artifacts_bucket_arn]
  }

  statement {
    actions   = ["s3:GetObject", "s3:PutObject"]
    resources = ["${var.artifacts_bucket_arn}/prefect/*"]
  }
}

resource "aws_iam_role_policy" "prefect_deployer_task" {
  name   = "flow-storage"
  role   = aws_iam_role.prefect_deployer_task.id
  policy = data.aws_iam_policy_document.prefect_deployer_task.json
}
