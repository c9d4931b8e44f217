variable "name" {
  description = "Prefix of names and comments."
  type        = string
}

variable "alb_arn" {
  description = "Internal ALB behind both distributions."
  type        = string
}

variable "alb_dns_name" {
  description = "DNS name of that ALB (the origin's domain name)."
  type        = string
}

variable "surface_header_name" {
  description = "Header telling the ALB which surface a request is for."
  type        = string
}

variable "portal_domain_name" {
  description = "Custom domain of the portal, or null."
  type        = string
  default     = null
}

variable "pipelines_domain_name" {
  description = "Custom domain of the pipelines surface, or null."
  type        = string
  default     = null
}

variable "certificate_arn" {
  description = "ACM certificate (us-east-1) for the custom domains, or null."
  type        = string
  default     = null
}
