output "name" {
  description = "Name prefix of the environment's resources."
  value       = local.name
}

output "azs" {
  description = "Availability zones the environment spans."
  value       = module.network.azs
}

output "cluster_name" {
  description = "EKS cluster (aws eks update-kubeconfig --name <this>)."
  value       = module.eks.cluster_name
}

output "public_url" {
  description = "URL of the site (NOTEJAM_PUBLIC_URL)."
  value       = module.web.public_url
}

output "deploy_role_arn" {
  description = "GitLab CI deploy role of this environment."
  value       = module.ci_access.deploy_role_arn
}

output "alarm_topic_arn" {
  description = "SNS topic of the CloudWatch alarms."
  value       = module.observability.alarm_topic_arn
}

output "backup_vault_arns" {
  description = "AWS Backup vaults: primary region and DR copies."
  value       = { primary = module.backup.vault_arn, dr = module.backup.dr_vault_arn }
}

# Non-secret values the Helm release and the CI pipeline need; secrets stay in Secrets Manager and reach the
# pods through External Secrets Operator (its names are listed here, never their values).
output "helm_values" {
  description = "Values for charts/notejam (and the CI job that installs it)."
  value = {
    image = { repository = module.registry.repository_urls["notejam-api"] }
    web = {
      image           = { repository = module.registry.repository_urls["notejam-web"] }
      bucket          = module.web.bucket_name
      distribution_id = module.web.distribution_id
    }
    backup = {
      image  = { repository = module.registry.repository_urls["notejam-ops"] }
      bucket = module.backup.bucket_name
      prefix = module.backup.backup_prefix
    }
    backupDrBucket  = module.backup.dr_bucket_name
    awsRegion       = var.region
    publicUrl       = module.web.public_url
    targetGroupArn  = module.web.target_group_arn
    serviceAccounts = module.eks.pod_identity_bindings
    database        = { host = module.database.address, port = module.database.port, name = module.database.db_name, secretArn = module.database.master_user_secret_arn }
    redis           = { host = module.cache.primary_endpoint_address, port = module.cache.port, tls = true, localSidecarUrlHost = "127.0.0.1:6379" }
    secretNames     = module.secrets.secret_names
    logGroups       = module.observability.log_group_names
  }
}

output "settings" {
  description = "What this environment actually guarantees, read back from its resources (audits; asserted by tests/terraform)."
  value = {
    region        = var.region
    dr_region     = var.dr_region
    network       = module.network.settings
    eks           = module.eks.settings
    database      = module.database.settings
    cache         = module.cache.settings
    backup        = module.backup.settings
    registry      = module.registry.settings
    secrets       = module.secrets.settings
    web           = module.web.settings
    observability = module.observability.settings
    ci_access     = module.ci_access.settings
  }
}
