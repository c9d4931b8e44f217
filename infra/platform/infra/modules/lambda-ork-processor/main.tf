# The ork processor: OpenRocket (.ork) files uploaded to the uploads bucket are
# queued, and the Lambda turns each into results in the output bucket. The
# queue decouples the two, so park mode can stop consumption without losing a
# single upload: messages wait (up to the retention period) until unpark.
resource "aws_sqs_queue" "dead_letter" {
  name                      = "${var.name}-dlq"
  message_retention_seconds = 1209600
  sqs_managed_sse_enabled   = true
}

resource "aws_sqs_queue" "uploads" {
  name                       = "${var.name}-uploads"
  message_retention_seconds  = 1209600
  visibility_timeout_seconds = var.timeout_seconds * 6
  sqs_managed_sse_enabled    = true

  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.dead_letter.arn
    maxReceiveCount     = 5
  })
}

data "aws_iam_policy_document" "uploads_queue" {
  statement {
    sid       = "UploadsBucketNotifications"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.uploads.arn]

    principals {
      type        = "Service"
      identifiers = ["s3.amazonaws.com"]
    }

    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = [var.uploads_bucket_arn]
    }
  }
}

resource "aws_sqs_queue_policy" "uploads" {
  queue_url = aws_sqs_queue.uploads.id
  policy    = data.aws_iam_policy_document.uploads_queue.json
}

# This module owns the uploads bucket's notification configuration.
resource "aws_s3_bucket_notification" "uploads" {
  bucket = var.uploads_bucket_id

  queue {
    queue_arn     = aws_sqs_queue.uploads.arn
    events        = ["s3:ObjectCreated:*"]
    filter_suffix = ".ork"
  }

  depends_on = [aws_sqs_queue_policy.uploads]
}

resource "aws_cloudwatch_log_group" "this" {
  name              = "/aws/lambda/${var.name}"
  retention_in_days = var.log_retention_days
}

# The deployment package, uploaded beforehand to the versioned packages bucket
# of the bootstrap root (with --checksum-algorithm SHA256): a missing package
# fails the plan instead of the apply, and a new upload is a new version and a
# new hash, so the plan shows the code change.
data "aws_s3_object" "package" {
  bucket        = var.package_bucket
  key           = var.package_key
  checksum_mode = "ENABLED"

  lifecycle {
    postcondition {
      condition     = can(regex("^[A-Za-z0-9+/]{43}=$", self.checksum_sha256))
      error_message = "s3://${var.package_bucket}/${var.package_key} has no SHA-256 checksum: upload it with `aws s3 cp --checksum-algorithm SHA256` (infra/README.md)."
    }
  }
}

resource "aws_lambda_function" "this" {
  function_name     = var.name
  description       = "Processes OpenRocket (.ork) uploads into the curated bucket"
  role              = aws_iam_role.this.arn
  runtime           = "python3.12"
  handler           = "ork_processor.handler"
  architectures     = ["arm64"]
  s3_bucket         = data.aws_s3_object.package.bucket
  s3_key            = data.aws_s3_object.package.key
  s3_object_version = data.aws_s3_object.package.version_id
  source_code_hash  = data.aws_s3_object.package.checksum_sha256
  memory_size       = var.memory_mb
  timeout           = var.timeout_seconds

  environment {
    variables = {
      OUTPUT_BUCKET = var.output_bucket_id
      OUTPUT_PREFIX = "ork/"
    }
  }

  logging_config {
    log_format = "JSON"
    log_group  = aws_cloudwatch_log_group.this.name
  }

  depends_on = [aws_iam_role_policy_attachment.logs, aws_iam_role_policy.this]
}

resource "aws_lambda_event_source_mapping" "uploads" {
  event_source_arn                   = aws_sqs_queue.uploads.arn
  function_name                      = aws_lambda_function.this.arn
  enabled                            = var.enabled
  batch_size                         = 10
  maximum_batching_window_in_seconds = 5
  function_response_types            = ["ReportBatchItemFailures"]

  scaling_config {
    maximum_concurrency = var.maximum_concurrency
  }

  # CreateEventSourceMapping checks that the function's role may read the
  # queue: the policy must exist first.
  depends_on = [aws_iam_role_policy.this]
}
