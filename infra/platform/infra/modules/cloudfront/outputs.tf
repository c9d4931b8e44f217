output "portal_domain_name" {
  description = "cloudfront.net name of the portal distribution."
  value       = aws_cloudfront_distribution.this["portal"].domain_name
}

output "pipelines_domain_name" {
  description = "cloudfront.net name of the pipelines distribution."
  value       = aws_cloudfront_distribution.this["pipelines"].domain_name
}

output "distribution_ids" {
  description = "Distribution IDs by surface (for invalidations)."
  value       = { for surface, distribution in aws_cloudfront_distribution.this : surface => distribution.id }
}
