variable "name" {
  description = "Name prefix, e.g. notejam-prod (bucket, delivery, Glue database, Athena workgroup)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{2,30}$", var.name))
    error_message = "name must be 3-31 lower-case letters, digits or dashes, starting with a letter."
  }
}

variable "distribution_arn" {
  description = "CloudFront distribution whose access logs are delivered."
  type        = string
}

variable "distribution_id" {
  description = "Its id (the logs' folder, the saved queries' partition)."
  type        = string
}

variable "retention_days" {
  description = "Days edge access logs are kept (then expired by the bucket lifecycle; Athena projects partitions that far back)."
  type        = number
  default     = 365

  validation {
    condition     = var.retention_days >= 7
    error_message = "retention_days must be at least 7."
  }
}

variable "athena_bytes_scanned_cutoff" {
  description = "Largest scan one Athena query of the workgroup may make (bytes)."
  type        = number
  default     = 10737418240
}

variable "force_destroy" {
  description = "Let terraform destroy empty the log bucket and the Athena workgroup (throw-away environments)."
  type        = bool
  default     = false
}
