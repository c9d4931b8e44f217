output "function_name" {
  description = "Name of the ork processor function."
  value       = aws_lambda_function.this.function_name
}

output "queue_arn" {
  description = "ARN of the uploads queue."
  value       = aws_sqs_queue.uploads.arn
}

output "queue_url" {
  description = "URL of the uploads queue."
  value       = aws_sqs_queue.uploads.id
}

output "dead_letter_queue_url" {
  description = "Uploads that failed five times."
  value       = aws_sqs_queue.dead_letter.id
}

output "role_arn" {
  description = "Execution role of the function."
  value       = aws_iam_role.this.arn
}
