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

resource "aws_lambda_function" "this" {
  function_name = var.name
  description   = "Processes OpenRocket (.ork) uploads into the curated bucket"
  role          = var.role_arn
  runtime       = "python3.12"
  handler       = "ork_processor.handler"
  architectures = ["arm64"]
  s3_bucket     = var.package_bucket
  s3_key        = var.package_key
  memory_size   = var.memory_mb
  timeout       = var.timeout_seconds

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
}
