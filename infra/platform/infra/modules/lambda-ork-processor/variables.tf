variable "name" {
  description = "Function name and prefix of its queues and log group."
  type        = string
}

variable "enabled" {
  description = "Whether the function consumes the uploads queue (false while parked)."
  type        = bool
}

variable "permissions_boundary_arn" {
  description = "Permissions boundary of the function's role."
  type        = string
}

variable "package_bucket" {
  description = "Versioned bucket of the deployment package, existing before the plan (bootstrap output packages_bucket)."
  type        = string
}

variable "package_key" {
  description = "Key of the deployment package (a zip with ork_processor.handler), uploaded with a SHA-256 checksum."
  type        = string
}

variable "uploads_bucket_id" {
  description = "Bucket whose .ork uploads are processed."
  type        = string
}

variable "uploads_bucket_arn" {
  description = "ARN of the uploads bucket (the only sender the queue accepts)."
  type        = string
}

variable "output_bucket_id" {
  description = "Bucket the results are written to, under ork/."
  type        = string
}

variable "output_bucket_arn" {
  description = "ARN of the output bucket (the function may write only under ork/)."
  type        = string
}

variable "memory_mb" {
  description = "Memory of the function."
  type        = number
  default     = 512
}

variable "timeout_seconds" {
  description = "Timeout of one invocation (the queue's visibility timeout is six times this)."
  type        = number
  default     = 120
}

variable "maximum_concurrency" {
  description = "Most concurrent invocations the queue may drive (2-1000)."
  type        = number
  default     = 5
}

variable "log_retention_days" {
  description = "Retention of the function's log group."
  type        = number
}
