variable "name" {
  description = "Name prefix and Name tag of every resource."
  type        = string
}

variable "region" {
  description = "Region of the VPC (for the S3 gateway endpoint's service name)."
  type        = string
  default     = "eu-west-2"
}

variable "cidr_block" {
  description = "CIDR block of the VPC; public subnets take /20s from the bottom, private ones from the middle."
  type        = string

  validation {
    condition     = can(cidrnetmask(var.cidr_block)) && tonumber(split("/", var.cidr_block)[1]) <= 16
    error_message = "cidr_block must be a valid CIDR of /16 or larger (got \"${var.cidr_block}\")."
  }
}

variable "availability_zones" {
  description = "Zones to spread subnets across (at most 8)."
  type        = list(string)

  validation {
    condition     = length(var.availability_zones) >= 2 && length(var.availability_zones) <= 8
    error_message = "Between two and eight availability zones are required."
  }
}
