# Everything that differs between environments is a variable here and a value in the environment's terraform.tfvars.

variable "project" {
  description = "Project name, the first part of every resource name."
  type        = string
  default     = "notejam"

  validation {
    condition     = can(regex("^[a-z][a-z0-9]{1,11}$", var.project))
    error_message = "project must be 2-12 lower-case letters or digits."
  }
}

variable "environment" {
  description = "Environment name: dev, test, prod, or a region-failover copy such as prod-dr."
  type        = string

  validation {
    condition     = can(regex("^(dev|test|prod)(-[a-z0-9]{1,6})?$", var.environment))
    error_message = "environment must be dev, test or prod, optionally with a short suffix (prod-dr)."
  }
}

variable "region" {
  description = "Region the environment runs in."
  type        = string

  validation {
    condition     = can(regex("^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]+$", var.region))
    error_message = "region must look like an AWS region name, e.g. eu-central-1."
  }
}

variable "dr_region" {
  description = "Disaster-recovery region: backups, images, keys and secrets are replicated there."
  type        = string

  validation {
    condition     = can(regex("^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]+$", var.dr_region)) && var.dr_region != var.region
    error_message = "dr_region must be an AWS region name different from region."
  }
}

variable "vpc_cidr" {
  description = "IPv4 CIDR of the environment's VPC."
  type        = string
  default     = "10.0.0.0/16"
}

variable "az_count" {
  description = "Availability zones to span."
  type        = number
  default     = 3
}

variable "single_nat_gateway" {
  description = "One NAT gateway for the whole VPC (cheaper, not zone-redundant) instead of one per AZ."
  type        = bool
  default     = false
}

variable "log_retention_days" {
  description = "Retention of every CloudWatch log group of the environment."
  type        = number
  default     = 90

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be one of the retention periods CloudWatch Logs supports."
  }
}

variable "kubernetes_version" {
  description = "EKS Kubernetes version."
  type        = string
  default     = "1.32"
}

variable "node_groups" {
  description = "EKS managed node groups (see modules/eks)."
  type = map(object({
    instance_types = list(string)
    capacity_type  = optional(string, "ON_DEMAND")
    ami_type       = optional(string, "AL2023_x86_64_STANDARD")
    min_size       = number
    max_size       = number
    desired_size   = number
    disk_size_gib  = optional(number, 50)
    labels         = optional(map(string), {})
  }))
}

variable "eks_public_access_cidrs" {
  description = "CIDRs that may reach the Kubernetes API from the internet; empty keeps the endpoint private."
  type        = list(string)
  default     = []
}

variable "eks_admin_role_names" {
  description = "IAM role names (path/name, no account id) that get cluster-admin."
  type        = list(string)
  default     = []
}

variable "app_namespace" {
  description = "Kubernetes namespace of the Notejam release (the backup ServiceAccounts live there)."
  type        = string
  default     = "notejam"
}

variable "database" {
  description = "RDS PostgreSQL settings (see modules/database)."
  type = object({
    instance_class                     = string
    allocated_storage                  = optional(number, 20)
    max_allocated_storage              = optional(number, 200)
    multi_az                           = bool
    deletion_protection                = bool
    replicate_backups_to_dr            = optional(bool, false)
    snapshot_identifier                = optional(string)
    restore_from_automated_backups_arn = optional(string)
  })

  validation {
    condition     = var.database.snapshot_identifier == null || var.database.restore_from_automated_backups_arn == null
    error_message = "Restore the database from a snapshot or from automated backups, not both."
  }
}

variable "cache" {
  description = "ElastiCache Redis settings (see modules/cache)."
  type = object({
    node_type               = string
    num_cache_clusters      = optional(number, 2)
    snapshot_retention_days = optional(number, 3)
  })
}

variable "backup" {
  description = "Backup retention settings (see modules/backup)."
  type = object({
    lock_mode          = string
    retention_days     = optional(number, 1095)
    archive_after_days = optional(number, 30)
  })
}

variable "dns" {
  description = "Public domain (and optional Route 53 zone id) of the site; null uses the CloudFront default name."
  type = object({
    domain_name       = string
    zone_id           = optional(string)
    alternative_names = optional(list(string), []) # more names on the site certificate (prod-dr: the primary's name)
  })
  default = null

  validation {
    condition     = var.dns == null || try(var.dns.zone_id != null, false)
    error_message = "dns.domain_name is set without dns.zone_id: the certificates validate only through a Route 53 zone Terraform writes records into (otherwise ACM waits 75 minutes and leaves a stale state lock). Create or delegate the zone, then set dns.zone_id."
  }
}

variable "gitlab" {
  description = "GitLab CI access: issuer URL, project, the refs each CI role trusts (those of the pipelines whose jobs assume it: tests/ci/trust-refs.test.mjs), whether this environment creates the account's OIDC provider."
  type = object({
    url                  = optional(string, "https://gitlab.com")
    project_path         = string
    create_oidc_provider = optional(bool, true)
    # Merge-request pipelines plan with a read-only role (any branch by default; prod: protected refs only,
    # because refreshing the state reads generated secrets).
    plan_refs = optional(list(object({
      ref_type = string
      ref      = string
    })), [{ ref_type = "branch", ref = "*" }])
    deploy_refs = list(object({ # the deploy jobs (and the restore drill)
      ref_type = string
      ref      = string
    }))
    infra_refs = list(object({ # terraform apply and the platform install
      ref_type = string
      ref      = string
    }))
  })
}

variable "alarm_emails" {
  description = "E-mail addresses that receive the CloudWatch alarms."
  type        = list(string)
  default     = []
}

variable "manage_ecr_replication" {
  description = "This environment owns the registry replication configuration of its account and region."
  type        = bool
  default     = true
}

variable "adopt_replicated_repositories" {
  description = "Import the ECR repositories that replication already created in this region (the DR copy of an environment) instead of creating them."
  type        = bool
  default     = false
}

variable "secret_recovery_window_days" {
  description = "Days a deleted secret stays recoverable (0 only for throw-away environments)."
  type        = number
  default     = 30
}

variable "throwaway" {
  description = "true for environments whose data may be destroyed with them (dev): buckets, vaults and repositories can be emptied by terraform destroy. Never in prod."
  type        = bool
  default     = false
}

variable "audit_retention_days" {
  description = "Days CloudTrail log files are locked and kept (Object Lock in backup.lock_mode): 1095, as long as the backups, so who changed data is known as long as the data can be restored."
  type        = number
  default     = 1095
}

variable "api_rate_limit" {
  description = "The API's per-client limit on sign-up, sign-in and forgot-password as the chart sets it (config.rateLimit per config.rateWindow seconds); the WAF's per-address limit is derived from it."
  type = object({
    requests       = number
    window_seconds = number
  })
  default = { requests = 10, window_seconds = 60 }
}

variable "api_max_body_bytes" {
  description = "Largest request body the API accepts (NOTEJAM_MAX_BODY); the WAF must not refuse smaller ones."
  type        = number
  default     = 262144
}

variable "manage_guardduty_detector" {
  description = "This environment owns the GuardDuty detector of its account and region (false in a second environment sharing both)."
  type        = bool
  default     = true
}

variable "prometheus_rules_file" {
  description = "Prometheus rules file loaded into AMP, relative to the environment root: the chart's file that promtool tests."
  type        = string
  default     = "../../../charts/notejam/files/prometheus-rules.yaml"
}

variable "backups_scheduled" {
  description = "The chart runs the backup and restore-drill CronJobs here (backup.enabled, restoreDrill.enabled); false silences their alerts."
  type        = bool
  default     = true
}

variable "registry" {
  description = "Where images and charts live: owner = this environment creates the one registry (and the build role); others pull from account_id/region (default: this account and region); pull_organization_id lets the other accounts of the organisation pull."
  type = object({
    owner                = bool
    account_id           = optional(string)
    region               = optional(string)
    pull_organization_id = optional(string)
  })
  default = { owner = false }
}
