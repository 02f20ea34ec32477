variable "repositories" {
  description = "ECR repository names: the images, the CI builder image and the Helm chart (docs/ci-cd.md, \"Where images and charts live\")."
  type        = list(string)

  validation {
    condition     = length(var.repositories) > 0 && alltrue([for r in var.repositories : can(regex("^[a-z0-9][a-z0-9._/-]{1,254}$", r))])
    error_message = "repositories must be valid ECR repository names."
  }
}

variable "dr_region" {
  description = "Region every pushed image is replicated to."
  type        = string

  validation {
    condition     = can(regex("^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]+$", var.dr_region))
    error_message = "dr_region must look like an AWS region name, e.g. eu-west-1."
  }
}

variable "manage_replication" {
  description = "Manage the registry's replication configuration (one per account and region: only one environment sharing an account may own it)."
  type        = bool
  default     = true
}

variable "keep_images" {
  description = "Tagged images kept per repository (older ones expire; immutable tags make every release a distinct image)."
  type        = number
  default     = 200

  validation {
    condition     = var.keep_images >= 10
    error_message = "keep_images must be at least 10 so rollbacks stay possible."
  }
}

variable "untagged_expiry_days" {
  description = "Days before untagged images (failed or superseded pushes) are deleted."
  type        = number
  default     = 14

  validation {
    condition     = var.untagged_expiry_days >= 1
    error_message = "untagged_expiry_days must be positive."
  }
}

variable "force_delete" {
  description = "Allow terraform destroy to delete repositories that still hold images (dev only)."
  type        = bool
  default     = false
}

variable "pull_organization_id" {
  description = "AWS Organizations id (o-...) whose accounts may pull (the other environments' node roles); null: this account only."
  type        = string
  default     = null

  validation {
    condition     = var.pull_organization_id == null || can(regex("^o-[a-z0-9]{10,32}$", var.pull_organization_id))
    error_message = "pull_organization_id must look like o-abc123defg."
  }
}

variable "create" {
  description = "true in the environment that owns the registry (and its DR copy); false: only the addresses of the owner's repositories are output."
  type        = bool
  default     = true
}

variable "registry_account_id" {
  description = "Account of the registry when create = false (null: this account, the one-account layout)."
  type        = string
  default     = null
}

variable "registry_region" {
  description = "Region of the registry when create = false (null: this environment's region)."
  type        = string
  default     = null
}
