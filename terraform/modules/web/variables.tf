variable "name" {
  description = "Name prefix, e.g. notejam-prod."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{2,20}$", var.name))
    error_message = "name must be 3-21 lower-case letters, digits or dashes (load balancer names are short)."
  }
}

variable "vpc_id" {
  description = "VPC of the load balancer."
  type        = string
}

variable "public_subnet_ids" {
  description = "Public subnets (one per AZ) for the internet-facing ALB."
  type        = list(string)

  validation {
    condition     = length(var.public_subnet_ids) >= 2
    error_message = "An ALB needs subnets in at least two availability zones."
  }
}

variable "target_security_group_id" {
  description = "Security group of the API pods (the EKS cluster security group); the ALB may reach it on target_port only."
  type        = string
}

variable "target_port" {
  description = "Port of the API pods (NOTEJAM_LISTEN in containers)."
  type        = number
  default     = 8080
}

variable "health_check_path" {
  description = "ALB health check: /readyz turns 503 while a pod drains, so it leaves the target group before it stops."
  type        = string
  default     = "/readyz"
}

variable "dns" {
  description = "Public name of the site (CloudFront) and, optionally, the Route 53 zone to create its records and certificate validations in. null serves on the CloudFront default name over the default certificate."
  type = object({
    domain_name       = string
    zone_id           = optional(string)
    alternative_names = optional(list(string), []) # more names on the site certificate (prod-dr: the primary's name)
  })
  default = null

  validation {
    condition     = var.dns == null || can(regex("^([a-z0-9-]+\\.)+[a-z]{2,}$", var.dns.domain_name))
    error_message = "dns.domain_name must be a lower-case DNS name."
  }
}

variable "origin_verify_secret" {
  description = "Value CloudFront sends in the X-Origin-Verify header; the ALB forwards only requests that carry it."
  type        = string
  sensitive   = true

  validation {
    condition     = length(var.origin_verify_secret) >= 32
    error_message = "origin_verify_secret must be at least 32 characters."
  }
}

variable "content_security_policy" {
  description = "Content-Security-Policy sent with every response."
  type        = string
  default     = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
}

variable "price_class" {
  description = "CloudFront price class."
  type        = string
  default     = "PriceClass_100"

  validation {
    condition     = contains(["PriceClass_100", "PriceClass_200", "PriceClass_All"], var.price_class)
    error_message = "price_class must be PriceClass_100, PriceClass_200 or PriceClass_All."
  }
}

variable "web_acl_arn" {
  description = "Optional AWS WAF web ACL (in us-east-1) to attach to the distribution."
  type        = string
  default     = null
}

variable "access_logs" {
  description = "Bucket and prefix of the ALB's access logs (the edge-logs module's); null writes none."
  type = object({
    bucket = string
    prefix = string
  })
  default = null
}

variable "deletion_protection" {
  description = "Protect the ALB against deletion."
  type        = bool
  default     = true
}

variable "force_destroy" {
  description = "Allow terraform destroy to empty the SPA bucket (its content is rebuilt by CI anyway)."
  type        = bool
  default     = false
}
