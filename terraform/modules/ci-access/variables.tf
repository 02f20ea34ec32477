variable "name" {
  description = "Name prefix, e.g. notejam-prod; the roles are <name>-ci-deploy, <name>-ci-infra and <name>-ci-plan."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{2,30}$", var.name))
    error_message = "name must be 3-31 lower-case letters, digits or dashes, starting with a letter."
  }
}

variable "gitlab_url" {
  description = "GitLab instance that issues the CI id_tokens (OIDC issuer)."
  type        = string
  default     = "https://gitlab.com"

  validation {
    condition     = can(regex("^https://[a-z0-9.-]+(:[0-9]+)?$", var.gitlab_url))
    error_message = "gitlab_url must be an https URL without a path or trailing slash."
  }
}

variable "audience" {
  description = "aud of the id_token (the job's id_tokens: { AWS_ID_TOKEN: { aud: <this> } })."
  type        = string
  default     = "sts.amazonaws.com"
}

variable "create_oidc_provider" {
  description = "Create the account's OIDC provider for gitlab_url; false reuses the one another environment in the same account created."
  type        = bool
  default     = true
}

variable "project_path" {
  description = "GitLab project allowed to assume the role, e.g. acme/notejam."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+$", var.project_path))
    error_message = "project_path must be group[/subgroup]/project."
  }
}

variable "deploy_refs" {
  description = "Refs whose pipelines may deploy this environment (ref may use * wildcards), e.g. [{ref_type = \"branch\", ref = \"main\"}]."
  type = list(object({
    ref_type = string
    ref      = string
  }))

  validation {
    condition     = length(var.deploy_refs) > 0 && alltrue([for r in var.deploy_refs : contains(["branch", "tag"], r.ref_type)])
    error_message = "deploy_refs needs at least one entry, each with ref_type branch or tag."
  }
}

variable "infra_refs" {
  description = "Refs whose pipelines may apply this environment's Terraform (AdministratorAccess: keep it to the default branch)."
  type = list(object({
    ref_type = string
    ref      = string
  }))

  validation {
    condition     = length(var.infra_refs) > 0 && alltrue([for r in var.infra_refs : contains(["branch", "tag"], r.ref_type)])
    error_message = "infra_refs needs at least one entry, each with ref_type branch or tag."
  }
}

variable "plan_refs" {
  description = "Refs whose pipelines may plan (read only): merge-request pipelines run on any branch."
  type = list(object({
    ref_type = string
    ref      = string
  }))
  default = [{ ref_type = "branch", ref = "*" }]
}

variable "build_role_name" {
  description = "Name of the image/chart push role; set only in the environment that owns the registry (null: no build role)."
  type        = string
  default     = null
}

variable "build_refs" {
  description = "Refs whose pipelines may push images and charts (every merge request builds and pushes its commit's images)."
  type = list(object({
    ref_type = string
    ref      = string
  }))
  default = [{ ref_type = "branch", ref = "*" }, { ref_type = "tag", ref = "v*" }]
}

variable "ecr_repository_arns" {
  description = "Repositories the build role pushes to (images, the chart, the CI builder image)."
  type        = list(string)
  default     = []
}

variable "state_bucket_prefix" {
  description = "Terraform state buckets the plan role may read (terraform/bootstrap names them <project>-tfstate-<env>-<region>)."
  type        = string
  default     = "notejam-tfstate-"
}

variable "state_key_prefix" {
  description = "State keys the plan role reads (backend.hcl keys notejam/<env>/<region>/terraform.tfstate; notejam/prod also covers prod-dr)."
  type        = string
}

variable "web_bucket_arn" {
  description = "Bucket the pipeline uploads the built SPA to."
  type        = string
}

variable "distribution_arn" {
  description = "CloudFront distribution the pipeline invalidates after an upload."
  type        = string
}

variable "cluster_arn" {
  description = "EKS cluster the pipeline deploys to with Helm (Kubernetes rights come from an EKS access entry)."
  type        = string
}
