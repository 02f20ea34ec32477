variable "name" {
  description = "Name prefix, e.g. notejam-prod (rule, log group, alarm names)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{2,30}$", var.name))
    error_message = "name must be 3-31 lower-case letters, digits or dashes, starting with a letter."
  }
}

variable "manage_detector" {
  description = "This environment owns the account's GuardDuty detector in its region (one per account and region: false for a second environment sharing both)."
  type        = bool
  default     = true
}

variable "min_severity" {
  description = "Lowest GuardDuty severity that pages (7 = High; 4-6.9 Medium stay in the GuardDuty console)."
  type        = number
  default     = 7

  validation {
    condition     = var.min_severity >= 1 && var.min_severity <= 9
    error_message = "min_severity must be between 1 and 9."
  }
}

variable "log_retention_days" {
  description = "Retention of the log group that keeps every high-severity finding."
  type        = number
  default     = 90
}

variable "alarm_topic_arn" {
  description = "SNS topic the findings alarm notifies (the environment's alarm topic)."
  type        = string
}
