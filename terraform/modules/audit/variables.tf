variable "name" {
  description = "Name prefix, e.g. notejam-prod (trail, bucket, key alias, log group, alarm names)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{2,30}$", var.name))
    error_message = "name must be 3-31 lower-case letters, digits or dashes, starting with a letter."
  }
}

variable "lock_mode" {
  description = "Object Lock mode of the trail bucket: COMPLIANCE (nobody, not even root, can delete a log file before retention_days) or GOVERNANCE (s3:BypassGovernanceRetention can, for throw-away environments)."
  type        = string

  validation {
    condition     = contains(["COMPLIANCE", "GOVERNANCE"], var.lock_mode)
    error_message = "lock_mode must be COMPLIANCE or GOVERNANCE."
  }
}

variable "retention_days" {
  description = "Days every log file is locked and kept (the backups' 1095 days: who changed data is known as long as the data can be restored)."
  type        = number
  default     = 1095

  validation {
    condition     = var.retention_days >= 365
    error_message = "retention_days must be at least 365 (a year of audit trail)."
  }
}

variable "archive_after_days" {
  description = "Days after which log files move to Deep Archive (investigations read the recent ones; CloudWatch Logs holds log_retention_days of them too)."
  type        = number
  default     = 90
}

variable "log_retention_days" {
  description = "Retention of the trail's CloudWatch Logs copy (the alarms and Logs Insights read it)."
  type        = number
  default     = 90

  validation {
    condition     = var.log_retention_days >= 1
    error_message = "log_retention_days must be positive."
  }
}

variable "alarm_topic_arn" {
  description = "SNS topic the security alarms notify (the environment's alarm topic)."
  type        = string
}

variable "force_destroy" {
  description = "Let terraform destroy empty the bucket (Object Lock still keeps locked versions; GOVERNANCE ones can be bypassed)."
  type        = bool
  default     = false
}
