variable "name" {
  description = "Repository name."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9]+(?:[._-][a-z0-9]+)*$", var.name))
    error_message = "\"${var.name}\" is not a valid ECR repository name."
  }
}

variable "untagged_retention_days" {
  description = "Days an untagged image is kept (room to roll back by digest)."
  type        = number
  default     = 30
}

variable "keep_newest_tagged" {
  description = "Tag prefix => how many of the newest images with it are kept; older ones expire. Prefixes not listed never expire."
  type        = map(number)
  default     = {}
}
