variable "name" {
  description = "Name prefix, e.g. notejam-prod."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{2,30}$", var.name))
    error_message = "name must be 3-31 lower-case letters, digits or dashes, starting with a letter."
  }
}

variable "kms_key_arn" {
  description = "KMS key (multi-Region primary) for the backup bucket and the primary AWS Backup vault."
  type        = string
}

variable "dr_kms_key_arn" {
  description = "KMS key in the DR region (the replica of kms_key_arn) for the replica bucket and the DR vault."
  type        = string
}

variable "backup_prefix" {
  description = "Key prefix the backup job writes under (BACKUP_PREFIX); the job's IAM access is limited to it."
  type        = string
  default     = "postgres/"

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9/_-]*/$", var.backup_prefix))
    error_message = "backup_prefix must be a relative key prefix ending in '/'."
  }
}

variable "retention_days" {
  description = "How long backups are kept and locked (3 years = 1095 days)."
  type        = number
  default     = 1095

  validation {
    condition     = var.retention_days >= 1
    error_message = "retention_days must be positive."
  }
}

variable "lock_mode" {
  description = "Object Lock / vault lock mode: COMPLIANCE (nobody, not even root, can shorten it; prod) or GOVERNANCE (removable with a special permission; throw-away environments)."
  type        = string
  default     = "COMPLIANCE"

  validation {
    condition     = contains(["COMPLIANCE", "GOVERNANCE"], var.lock_mode)
    error_message = "lock_mode must be COMPLIANCE or GOVERNANCE."
  }
}

variable "archive_after_days" {
  description = "Days after which backup objects move to Glacier Deep Archive (recent ones stay instantly readable for restores and drills)."
  type        = number
  default     = 30

  validation {
    condition     = var.archive_after_days >= 1
    error_message = "archive_after_days must be positive."
  }
}

variable "noncurrent_expiration_days" {
  description = "Days a noncurrent object version is kept after it was replaced or deleted (never before its lock ends)."
  type        = number
  default     = 30

  validation {
    condition     = var.noncurrent_expiration_days >= 1
    error_message = "noncurrent_expiration_days must be positive."
  }
}

variable "aws_backup_enabled" {
  description = "Create the AWS Backup vaults, plan and selection for RDS (off only where AWS Backup is not available, e.g. an emulator)."
  type        = bool
  default     = true
}

variable "rds_instance_arns" {
  description = "RDS instances the AWS Backup plan protects."
  type        = list(string)
  default     = []
}

variable "daily_retention_days" {
  description = "Retention of the daily AWS Backup recovery points (and their DR copies)."
  type        = number
  default     = 35

  validation {
    condition     = var.daily_retention_days >= 7
    error_message = "daily_retention_days must be at least 7 (the vault lock minimum)."
  }
}

variable "monthly_retention_days" {
  description = "Retention of the monthly AWS Backup recovery points (and their DR copies)."
  type        = number
  default     = 1095

  validation {
    condition     = var.monthly_retention_days >= 35
    error_message = "monthly_retention_days must be at least 35."
  }
}

variable "force_destroy" {
  description = "Allow terraform destroy to empty the buckets and vaults (never in prod; locked versions survive anyway)."
  type        = bool
  default     = false
}
