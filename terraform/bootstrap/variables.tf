variable "region" {
  description = "Region of the state bucket (run once per account and region an environment keeps state in)."
  type        = string

  validation {
    condition     = can(regex("^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]+$", var.region))
    error_message = "region must look like an AWS region name, e.g. eu-central-1."
  }
}

variable "bucket" {
  description = "Globally unique name of the state bucket; backend.hcl files refer to it."
  type        = string
}
