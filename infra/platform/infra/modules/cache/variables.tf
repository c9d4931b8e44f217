variable "name" {
  description = "Prefix of every resource name (the replication group is <name>-cache)."
  type        = string
}

variable "vpc_id" {
  description = "VPC of the cache."
  type        = string
}

variable "subnet_ids" {
  description = "Private subnets of the networking module (a replica goes to another zone)."
  type        = list(string)
}

variable "portal_security_group_id" {
  description = "Security group of the portal tasks: the only one allowed to connect."
  type        = string
}

variable "engine_version" {
  description = "Valkey engine version at creation (later minor upgrades are ElastiCache's; changes are ignored)."
  type        = string
  default     = "8.0"
}

variable "parameter_group_family" {
  description = "Parameter group family matching engine_version."
  type        = string
  default     = "valkey8"
}

variable "node_type" {
  description = "Node type. cache.t4g.micro (0.5 GiB) holds the portal's cached views and listings many times over."
  type        = string
  default     = "cache.t4g.micro"
}

variable "replicas" {
  description = "Read replicas in other zones (0: one node, like Aurora's single instance; 1 or more also turns on Multi-AZ failover)."
  type        = number
  default     = 0

  validation {
    condition     = var.replicas >= 0 && var.replicas <= 5 && floor(var.replicas) == var.replicas
    error_message = "replicas must be a whole number from 0 to 5 (got ${var.replicas})."
  }
}

variable "maintenance_window" {
  description = "Weekly maintenance window (UTC, ddd:hh24:mi-ddd:hh24:mi)."
  type        = string
  default     = "sun:04:30-sun:05:30"
}

variable "log_retention_days" {
  description = "Retention of the engine log group."
  type        = number
}
