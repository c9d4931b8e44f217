data "aws_iam_policy_document" "lambda_trust" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

# The ork processor: consume the uploads queue, read uploads, write results.
resource "aws_iam_role" "ork_processor" {
  name               = "${var.name}-ork-processor"
  assume_role_policy = data.aws_iam_policy_document.lambda_trust.json
}

resource "aws_iam_role_policy_attachment" "ork_processor_logs" {
  role       = aws_iam_role.ork_processor.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
}

data "aws_iam_policy_document" "ork_processor" {
  statement {
    sid = "ConsumeUploads"
    actions = [
      "sqs:ChangeMessageVisibility",
      "sqs:DeleteMessage",
      "sqs:GetQueueAttributes",
      "sqs:ReceiveMessage",
    ]
    resources = [var.ork_queue_arn]
  }

  statement {
    sid       = "ReadUploads"
    actions   = ["s3:GetObject"]
    resources = ["${var.ork_uploads_bucket_arn}/*"]
  }

  statement {
    sid       = "WriteResults"
    actions   = ["s3:PutObject"]
    resources = [for arn in var.data_bucket_arns : "${arn}/ork/*"]
  }
}

resource "aws_iam_role_policy" "ork_processor" {
  name   = "ork-processing"
  role   = aws_iam_role.ork_processor.id
  policy = data.aws_iam_policy_document.ork_processor.json
}
