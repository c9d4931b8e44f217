locals {
  prod_state_key  = "platform/prod/terraform.tfstate"
  park_parameter  = "arn:aws:ssm:${var.aws_region}:${var.aws_account_id}:parameter/rocket-club/prod/parked"
  state_objects   = "${aws_s3_bucket.state.arn}/${local.prod_state_key}*"
  package_objects = "${aws_s3_bucket.packages.arn}/lambda/*"
}

# Read-only plans (ReadOnlyAccess is attached beside this): the state, the park
# record and the lock object, and never a value that Terraform does not need
# to refresh.
data "aws_iam_policy_document" "plan" {
  statement {
    sid       = "State"
    actions   = ["s3:ListBucket", "s3:GetObject"]
    resources = [aws_s3_bucket.state.arn, local.state_objects]
  }

  statement {
    sid       = "StateLock"
    actions   = ["s3:PutObject", "s3:DeleteObject"]
    resources = ["${aws_s3_bucket.state.arn}/${local.prod_state_key}.tflock"]
  }

  statement {
    sid       = "ParkRecord"
    actions   = ["ssm:GetParameter"]
    resources = [local.park_parameter]
  }

  statement {
    sid    = "NeverValues"
    effect = "Deny"
    actions = [
      "secretsmanager:GetSecretValue",
      "secretsmanager:BatchGetSecretValue",
      "logs:GetLogEvents",
      "logs:FilterLogEvents",
      "logs:StartQuery",
      "sqs:ReceiveMessage",
      "rds:DownloadDBLogFilePortion",
      "rds-data:ExecuteStatement",
      "ecr:GetDownloadUrlForLayer",
      "ecr:GetAuthorizationToken",
    ]
    resources = ["*"]
  }

  # The state object is encrypted with KMS: decrypting through S3 is how it
  # is read, and the only decryption a plan needs.
  statement {
    sid       = "DecryptOnlyThroughS3"
    effect    = "Deny"
    actions   = ["kms:Decrypt"]
    resources = ["*"]

    condition {
      test     = "StringNotEquals"
      variable = "kms:ViaService"
      values   = ["s3.${var.aws_region}.amazonaws.com"]
    }
  }

  statement {
    sid           = "NoObjectsButStateAndPackages"
    effect        = "Deny"
    actions       = ["s3:GetObject", "s3:GetObjectVersion"]
    not_resources = [local.state_objects, local.package_objects]
  }

  statement {
    sid           = "NoParametersButTheParkRecord"
    effect        = "Deny"
    actions       = ["ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath"]
    not_resources = [local.park_parameter]
  }
}
