output "bucket_ids" {
  description = "Bucket names by short name (raw, curated, ...)."
  value       = { for key, bucket in local.buckets : key => bucket.id }
}

output "bucket_arns" {
  description = "Bucket ARNs by short name."
  value       = { for key, bucket in local.buckets : key => bucket.arn }
}
