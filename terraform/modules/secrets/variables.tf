variable "name" {
  description = "Name prefix, e.g. notejam-prod; secrets are named <name>/<key>, KMS aliases alias/<name>-<key>."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{2,30}$", var.name))
    error_message = "name must be 3-31 lower-case letters, digits or dashes, starting with a letter."
  }
}

variable "dr_region" {
  description = "Region that holds the replica secrets and replica KMS keys (the aws.dr provider's region)."
  type        = string

  validation {
    condition     = can(regex("^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]+$", var.dr_region))
    error_message = "dr_region must look like an AWS region name, e.g. eu-west-1."
  }
}

variable "kms_keys" {
  description = "Customer managed KMS keys by purpose. Every key is multi-Region; replicate = true also creates its replica in dr_region (data that must be readable there)."
  type = map(object({
    description = string
    replicate   = bool
  }))
  default = {
    secrets  = { description = "Secrets Manager secrets", replicate = true }
    database = { description = "RDS storage, snapshots, Performance Insights", replicate = true }
    cache    = { description = "ElastiCache at-rest encryption", replicate = false }
    backup   = { description = "Backup bucket and AWS Backup vaults", replicate = true }
  }

  validation {
    condition     = alltrue([for k in ["secrets", "database", "cache", "backup"] : contains(keys(var.kms_keys), k)])
    error_message = "kms_keys must define at least the secrets, database, cache and backup keys."
  }

  validation {
    condition     = var.kms_keys["secrets"].replicate && var.kms_keys["backup"].replicate
    error_message = "The secrets and backup keys must be replicated: their data is read in the DR region."
  }
}

variable "key_deletion_window_in_days" {
  description = "Waiting period before a deleted KMS key is gone for good."
  type        = number
  default     = 30

  validation {
    condition     = var.key_deletion_window_in_days >= 7 && var.key_deletion_window_in_days <= 30
    error_message = "key_deletion_window_in_days must be between 7 and 30."
  }
}

variable "secrets" {
  description = <<-EOT
    Secrets Manager secrets by key. generate = true stores a random value made by Secrets Manager itself
    (formatted with format, "%s" = the value), later rotations are not undone by Terraform; generate = false creates
    an empty secret that an operator fills once (aws secretsmanager put-secret-value). Every secret is replicated to dr_region.
  EOT
  type = map(object({
    description = string
    generate    = optional(bool, false)
    length      = optional(number, 64)
    format      = optional(string, "%s")
  }))

  validation {
    condition     = alltrue([for k, s in var.secrets : can(regex("^[a-z0-9-]+$", k))])
    error_message = "Secret keys must be lower-case letters, digits and dashes."
  }

  validation {
    condition     = alltrue([for s in var.secrets : s.length >= 32 && s.length <= 128])
    error_message = "Generated secrets must be 32 to 128 characters long."
  }
}

variable "recovery_window_in_days" {
  description = "Days a deleted secret can still be restored (0 deletes at once; use 7-30 outside throw-away environments)."
  type        = number
  default     = 30

  validation {
    condition     = var.recovery_window_in_days == 0 || (var.recovery_window_in_days >= 7 && var.recovery_window_in_days <= 30)
    error_message = "recovery_window_in_days must be 0 or between 7 and 30."
  }
}
