variable "bucket" {
  description = "Globally unique bucket name."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.bucket))
    error_message = "bucket must be a valid S3 bucket name (3-63 lower-case letters, digits, dots, dashes)."
  }
}

variable "kms_key_arn" {
  description = "Customer managed KMS key for SSE-KMS; null uses SSE-S3 (AES-256), e.g. for assets CloudFront serves."
  type        = string
  default     = null
}

variable "object_lock" {
  description = "Default Object Lock retention for new object versions (WORM); null creates the bucket without Object Lock."
  type = object({
    mode = string
    days = number
  })
  default = null

  validation {
    condition     = var.object_lock == null || try(contains(["COMPLIANCE", "GOVERNANCE"], var.object_lock.mode) && var.object_lock.days >= 1, false)
    error_message = "object_lock.mode must be COMPLIANCE or GOVERNANCE and object_lock.days at least 1."
  }
}

variable "lifecycle_rule" {
  description = "Lifecycle of object versions: optional transition of current versions, optional expiry of current versions, and expiry of noncurrent versions."
  type = object({
    transition_days            = optional(number)
    transition_storage_class   = optional(string, "DEEP_ARCHIVE")
    expiration_days            = optional(number)
    noncurrent_expiration_days = number
  })
  default = { noncurrent_expiration_days = 90 }

  validation {
    condition     = var.lifecycle_rule.noncurrent_expiration_days >= 1
    error_message = "lifecycle_rule.noncurrent_expiration_days must be at least 1."
  }

  validation {
    condition = (
      var.lifecycle_rule.transition_days == null || var.lifecycle_rule.expiration_days == null ||
      try(var.lifecycle_rule.expiration_days > var.lifecycle_rule.transition_days, false)
    )
    error_message = "lifecycle_rule.expiration_days must come after transition_days."
  }
}

variable "policy_statements" {
  description = "Extra bucket policy statements (JSON-ready objects); a deny of non-TLS requests is always added."
  type        = any
  default     = []
}

variable "force_destroy" {
  description = "Allow terraform destroy to empty the bucket (never for data that must be kept; Object Lock still protects locked versions)."
  type        = bool
  default     = false
}
