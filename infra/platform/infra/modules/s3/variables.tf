variable "name_prefix" {
  description = "Prefix of every bucket name (bucket names are global: include the account ID)."
  type        = string
}

variable "critical_buckets" {
  description = "Buckets whose loss would lose data: versioned, prevent_destroy."
  type        = list(string)
}

variable "standard_buckets" {
  description = "Buckets whose content can be rebuilt."
  type        = list(string)
  default     = []
}

variable "noncurrent_version_retention_days" {
  description = "Days an overwritten or deleted object version is kept in a critical bucket."
  type        = number
  default     = 90
}
