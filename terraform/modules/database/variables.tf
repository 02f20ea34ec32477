variable "name" {
  description = "Name prefix and DB instance identifier, e.g. notejam-prod."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{2,30}$", var.name))
    error_message = "name must be 3-31 lower-case letters, digits or dashes, starting with a letter."
  }
}

variable "vpc_id" {
  description = "VPC of the database."
  type        = string
}

variable "subnet_ids" {
  description = "Database subnets, one per availability zone (at least two for Multi-AZ)."
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) >= 2
    error_message = "subnet_ids must span at least two availability zones."
  }
}

variable "allowed_security_groups" {
  description = "Security groups by a static label (EKS nodes and pods) that may connect on the PostgreSQL port."
  type        = map(string)
}

variable "kms_key_arn" {
  description = "Customer managed KMS key for storage, snapshots, Performance Insights and the master-user secret."
  type        = string
}

variable "engine_version" {
  description = "PostgreSQL version; a major version only lets RDS apply minor upgrades in the maintenance window."
  type        = string
  default     = "15"

  validation {
    condition     = can(regex("^15(\\.[0-9]+)?$", var.engine_version))
    error_message = "The API and the backup tools are built for PostgreSQL 15: engine_version must be 15 or 15.x."
  }
}

variable "instance_class" {
  description = "DB instance class."
  type        = string
  default     = "db.t4g.medium"

  validation {
    condition     = startswith(var.instance_class, "db.")
    error_message = "instance_class must be an RDS class such as db.t4g.medium."
  }
}

variable "allocated_storage" {
  description = "Initial storage in GiB (gp3)."
  type        = number
  default     = 20

  validation {
    condition     = var.allocated_storage >= 20
    error_message = "allocated_storage must be at least 20 GiB."
  }
}

variable "max_allocated_storage" {
  description = "Upper bound for storage autoscaling in GiB."
  type        = number
  default     = 200

  validation {
    condition     = var.max_allocated_storage >= var.allocated_storage
    error_message = "max_allocated_storage must not be below allocated_storage."
  }
}

variable "multi_az" {
  description = "Synchronous standby in another availability zone with automatic failover (prod)."
  type        = bool
  default     = true
}

variable "backup_retention_days" {
  description = "Automated backups (point-in-time recovery) retention; 35 is the RDS maximum."
  type        = number
  default     = 35

  validation {
    condition     = var.backup_retention_days >= 7 && var.backup_retention_days <= 35
    error_message = "backup_retention_days must be between 7 and 35."
  }
}

variable "deletion_protection" {
  description = "Refuse deletion of the instance (and take a final snapshot when it is deleted anyway)."
  type        = bool
  default     = true
}

variable "monitoring_interval" {
  description = "Enhanced monitoring interval in seconds (0 turns it off)."
  type        = number
  default     = 60

  validation {
    condition     = contains([0, 1, 5, 10, 15, 30, 60], var.monitoring_interval)
    error_message = "monitoring_interval must be one of 0, 1, 5, 10, 15, 30, 60."
  }
}

variable "performance_insights_retention_days" {
  description = "Performance Insights retention (7 is free; longer is 31*n or 731)."
  type        = number
  default     = 7

  validation {
    condition     = var.performance_insights_retention_days == 7 || var.performance_insights_retention_days == 731 || (var.performance_insights_retention_days % 31 == 0 && var.performance_insights_retention_days <= 713)
    error_message = "performance_insights_retention_days must be 7, a multiple of 31 up to 713, or 731."
  }
}

variable "log_retention_days" {
  description = "Retention of the PostgreSQL log groups in CloudWatch Logs (a period CloudWatch Logs supports)."
  type        = number
  default     = 90

  validation {
    condition     = var.log_retention_days >= 1
    error_message = "log_retention_days must be positive."
  }
}

variable "snapshot_identifier" {
  description = "Create the instance from this snapshot (ARN or id), e.g. a recovery point copied to the DR region during a failover; null creates an empty database."
  type        = string
  default     = null
}

variable "restore_from_automated_backups_arn" {
  description = "Create the instance at the latest restorable time of these (replicated) automated backups, e.g. prod's backups replicated to the DR region; null creates an empty database."
  type        = string
  default     = null

  validation {
    condition     = var.restore_from_automated_backups_arn == null || var.snapshot_identifier == null
    error_message = "Restore either from a snapshot or from automated backups, not both."
  }
}

variable "replicate_backups_to_dr" {
  description = "Replicate the automated backups (point-in-time recovery) to the aws.dr provider's region, so a region failover loses minutes, not a day."
  type        = bool
  default     = false
}

variable "dr_kms_key_arn" {
  description = "KMS key in the DR region that encrypts the replicated automated backups (required with replicate_backups_to_dr)."
  type        = string
  default     = null

  validation {
    condition     = !var.replicate_backups_to_dr || var.dr_kms_key_arn != null
    error_message = "dr_kms_key_arn is required when replicate_backups_to_dr is true."
  }
}

variable "log_min_duration_ms" {
  description = "Statements slower than this are logged (log_min_duration_statement)."
  type        = number
  default     = 500
}
