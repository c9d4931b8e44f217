variable "name" {
  description = "Cluster identifier and name prefix."
  type        = string
}

variable "vpc_id" {
  description = "VPC of the cluster."
  type        = string
}

variable "subnet_ids" {
  description = "Private subnets, in at least two zones."
  type        = list(string)
}

variable "allowed_security_group_ids" {
  description = "Security groups allowed to connect on 5432, by a static label (the labels key the rules)."
  type        = map(string)
}

variable "engine_version" {
  description = "Aurora PostgreSQL engine version at creation (later minor upgrades are RDS's; changes are ignored)."
  type        = string
}

variable "database_name" {
  description = "Database created with the cluster (the Prefect server's); the portal creates its own per plugin."
  type        = string
  default     = "prefect"
}

variable "master_username" {
  description = "Master user name (its password lives in the RDS-managed secret)."
  type        = string
  default     = "rocketclub"
}

variable "min_capacity" {
  description = "Minimum Serverless v2 capacity (ACUs)."
  type        = number
}

variable "max_capacity" {
  description = "Maximum Serverless v2 capacity (ACUs)."
  type        = number

  validation {
    condition     = var.max_capacity >= 1 && var.max_capacity <= 256
    error_message = "max_capacity must be between 1 and 256 ACUs."
  }
}

variable "instance_count" {
  description = "Number of Serverless v2 instances (1 writer, the rest readers)."
  type        = number
  default     = 1
}

variable "backup_retention_days" {
  description = "Days of automated backups (point-in-time recovery window)."
  type        = number
  default     = 14
}
