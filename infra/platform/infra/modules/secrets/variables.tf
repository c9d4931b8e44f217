variable "name_prefix" {
  description = "Path-style prefix of every secret name."
  type        = string
}

variable "secrets" {
  description = "Secrets to create: short name => description (list the JSON keys it must hold)."
  type        = map(string)
}

variable "recovery_window_days" {
  description = "Days a deleted secret can still be restored."
  type        = number
  default     = 30
}
