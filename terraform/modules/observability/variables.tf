variable "name" {
  description = "Name prefix, e.g. notejam-prod (alarm names, SNS topic, dashboard, log group paths)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{2,30}$", var.name))
    error_message = "name must be 3-31 lower-case letters, digits or dashes, starting with a letter."
  }
}

variable "alarm_emails" {
  description = "E-mail addresses subscribed to the alarm topic (each confirms once)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for e in var.alarm_emails : can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", e))])
    error_message = "alarm_emails must be e-mail addresses."
  }
}

variable "rds_instance_id" {
  description = "DB instance identifier to watch."
  type        = string
}

variable "cache_node_ids" {
  description = "ElastiCache node ids (CacheClusterId) to watch."
  type        = list(string)
}

variable "alb_arn_suffix" {
  description = "ALB ARN suffix (dimension LoadBalancer)."
  type        = string
}

variable "target_group_arn_suffix" {
  description = "Target group ARN suffix (dimension TargetGroup)."
  type        = string
}

variable "thresholds" {
  description = "Alarm thresholds (baselines; tune them from the dashboard after a week of traffic)."
  type = object({
    rds_cpu_percent           = optional(number, 80)
    rds_free_storage_bytes    = optional(number, 5368709120)
    rds_free_memory_bytes     = optional(number, 268435456)
    rds_connections           = optional(number, 200)
    cache_cpu_percent         = optional(number, 80)
    cache_memory_percent      = optional(number, 80)
    cache_replication_lag_sec = optional(number, 1)
    cache_connections         = optional(number, 5000)
    alb_5xx_count             = optional(number, 10)
    alb_p99_latency_seconds   = optional(number, 1)
  })
  default = {}
}

variable "create_dashboard" {
  description = "Create a CloudWatch dashboard with the same metrics the alarms watch."
  type        = bool
  default     = true
}
