variable "name" {
  description = "Name prefix for every resource, e.g. notejam-prod."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{2,30}$", var.name))
    error_message = "name must be 3-31 lower-case letters, digits or dashes, starting with a letter."
  }
}

variable "cluster_name" {
  description = "EKS cluster name; subnets are tagged so the AWS Load Balancer Controller can discover them."
  type        = string
}

variable "cidr_block" {
  description = "IPv4 CIDR of the VPC (a /16 leaves room for pods on the private subnets)."
  type        = string
  default     = "10.0.0.0/16"

  validation {
    condition     = can(cidrhost(var.cidr_block, 0)) && tonumber(split("/", var.cidr_block)[1]) <= 18
    error_message = "cidr_block must be a valid IPv4 CIDR of size /18 or larger."
  }
}

variable "az_count" {
  description = "How many availability zones to span (taken from aws_availability_zones, never hard-coded)."
  type        = number
  default     = 3

  validation {
    condition     = var.az_count >= 2 && var.az_count <= 6
    error_message = "az_count must be between 2 and 6: one availability zone cannot survive a datacenter failure."
  }
}

variable "single_nat_gateway" {
  description = "true: one NAT gateway for all AZs (cheap, dev/test); false: one NAT gateway per AZ (prod)."
  type        = bool
  default     = false
}

variable "flow_log_retention_days" {
  description = "Retention of the VPC flow log group, in days (a value CloudWatch Logs accepts)."
  type        = number
  default     = 90

  validation {
    condition     = var.flow_log_retention_days >= 1
    error_message = "flow_log_retention_days must be positive (and a period CloudWatch Logs supports)."
  }
}
