output "circleci_plan_role_arn" {
  description = "AWS_PLAN_ROLE_ARN of the CircleCI context rocket-club-prod-plan (read-only plans: pull requests, terraform-prod-plan, drift)."
  value       = aws_iam_role.ci["terraform-plan"].arn
}

output "circleci_apply_role_arn" {
  description = "AWS_ROLE_ARN of the CircleCI context rocket-club-prod (apply, park, unpark, endpoint checks)."
  value       = aws_iam_role.ci["terraform-apply"].arn
}

output "circleci_image_push_role_arn" {
  description = "AWS_IMAGE_PUSH_ROLE_ARN of the CircleCI context rocket-club-prod (deployer and portal images)."
  value       = aws_iam_role.ci["image-push"].arn
}

output "circleci_base_image_role_arn" {
  description = "AWS_BASE_IMAGE_ROLE_ARN of the CircleCI context rocket-club-prod (refresh-prefect-image only)."
  value       = aws_iam_role.ci["base-image-refresh"].arn
}

output "workload_boundary_arn" {
  description = "Permissions boundary every role of the prod root carries (var.permissions_boundary_arn there)."
  value       = aws_iam_policy.workload_boundary.arn
}

output "state_bucket" {
  description = "Bucket of both states."
  value       = aws_s3_bucket.state.id
}

output "packages_bucket" {
  description = "Bucket of deployment packages that must exist before prod's first plan (the ork processor zip)."
  value       = aws_s3_bucket.packages.id
}

output "repository_urls" {
  description = "ECR repositories by name."
  value       = { for name, repository in local.repositories : name => repository.repository_url }
}
