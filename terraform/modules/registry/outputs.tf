output "repository_urls" {
  description = "Repository URLs by name (image repositories for the Helm values)."
  value = var.create ? { for k, r in aws_ecr_repository.this : k => r.repository_url } : {
    for k in var.repositories : k => "${coalesce(var.registry_account_id, data.aws_caller_identity.current.account_id)}.dkr.ecr.${coalesce(var.registry_region, data.aws_region.current.name)}.amazonaws.com/${k}"
  }
}

output "repository_arns" {
  description = "Repository ARNs by name."
  value       = { for k, r in aws_ecr_repository.this : k => r.arn }
}

output "replication_regions" {
  description = "Regions images are replicated to."
  value       = length(aws_ecr_replication_configuration.this) > 0 ? [var.dr_region] : []
}

output "settings" {
  description = "Effective repository settings, read back from the resources."
  value = {
    repositories = {
      for k, r in aws_ecr_repository.this : k => {
        tag_mutability  = r.image_tag_mutability
        scan_on_push    = r.image_scanning_configuration[0].scan_on_push
        encryption_type = r.encryption_configuration[0].encryption_type
        lifecycle_rules = length(jsondecode(aws_ecr_lifecycle_policy.this[k].policy).rules)
      }
    }
    pull_organization_id     = var.pull_organization_id
    replication_destinations = flatten([for c in aws_ecr_replication_configuration.this : [for r in c.replication_configuration[0].rule : [for d in r.destination : d.region]]])
    replicated_repositories  = sort(flatten([for c in aws_ecr_replication_configuration.this : [for r in c.replication_configuration[0].rule : [for f in r.repository_filter : f.filter]]]))
  }
}
