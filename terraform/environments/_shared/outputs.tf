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

# charts/notejam's own values, keys and nesting as in its values.yaml: the deploy passes this output as a values
# file as it is (ci/bin/terraform.sh keeps it as build/terraform/<env>/helm-values.json after every apply). Only
# what Terraform knows and the chart reads; secrets stay in Secrets Manager (External Secrets brings them in).
# Its key list is pinned by tests/helm/fixtures/terraform-helm-values.yaml, which tests/terraform compares with
# this output and tests/helm renders the chart with.
output "helm_values" {
  description = "Values file for charts/notejam (chart keys only): the environment's account-specific settings."
  value = {
    image  = { repository = module.registry.repository_urls["notejam-api"] }
    config = { publicUrl = module.web.public_url }
    # Terraform's ALB target group (CloudFront sends /api/* to it); the chart binds the API Service to it.
    targetGroupBinding = { targetGroupArn = module.web.target_group_arn }
    # The chart refuses a preStop sleep that does not outlast the target group's deregistration delay.
    shutdown = { deregistrationDelaySeconds = module.web.deregistration_delay_seconds }
    # The API's keep-alive outlasts the ALB's idle timeout (the chart adds its margin).
    loadBalancer = { idleTimeoutSeconds = module.web.idle_timeout_seconds }
    networkPolicy = {
      ingressCidrs = module.network.public_subnet_cidrs # the ALB's ENIs (target type ip: they are the source)
      metricsCidrs = [module.network.vpc_cidr_block]    # AMP's managed collector scrapes from ENIs in the VPC
      database     = { cidrs = module.network.database_subnet_cidrs }
      redis        = { cidrs = module.network.database_subnet_cidrs }
    }
    # The API's Secret, assembled by External Secrets from Terraform's secrets (names; RDS's own secret by ARN)
    # and the RDS endpoint; the chart's template adds sslmode=require and the stunnel sidecar's Redis address.
    secrets = {
      externalSecret = {
        remoteKeys = {
          database       = module.database.master_user_secret_arn
          redisAuthToken = module.secrets.secret_names["redis-auth-token"]
          jwtKeys        = module.secrets.secret_names["jwt-keys"]
          smtpUrl        = module.secrets.secret_names["smtp-url"]
          # roles the migration hook provisions with the master user (database)
          dbApiPassword     = module.secrets.secret_names["db-api-password"]
          dbMigratePassword = module.secrets.secret_names["db-migrate-password"]
          dbBackupPassword  = module.secrets.secret_names["db-backup-password"]
        }
        database = { host = module.database.address, port = module.database.port, name = module.database.db_name }
      }
    }
    # ElastiCache speaks TLS only: the stunnel sidecar (in the ops image) connects to the primary endpoint.
    redisTls = {
      host  = module.cache.primary_endpoint_address
      port  = module.cache.port
      image = { repository = module.registry.repository_urls["notejam-ops"] }
    }
    backup = {
      image          = { repository = module.registry.repository_urls["notejam-ops"] }
      bucket         = module.backup.bucket_name
      prefix         = module.backup.backup_prefix
      awsRegion      = var.region
      serviceAccount = { name = split("/", module.eks.pod_identity_bindings["notejam-backup"])[1] }
      # The Pushgateway AMP's collector scrapes: freshness metrics reach the alert rules in every environment.
      pushgatewayUrl = module.prometheus.pushgateway_url
    }
    restoreDrill = {
      serviceAccount = { name = split("/", module.eks.pod_identity_bindings["notejam-restore-drill"])[1] }
      remoteKey      = module.secrets.secret_names["restore-drill"] # External Secrets may read it (eso_secret_keys)
    }
  }
}

# What the deploy jobs and operators need beside the chart's values (names only, never secret values).
output "deploy_settings" {
  description = "Non-chart settings of the environment for the pipeline and runbooks: namespace, SPA bucket, CloudFront, data stores, secrets, log groups."
  value = {
    namespace       = var.app_namespace
    awsRegion       = var.region
    publicUrl       = module.web.public_url
    spaBucket       = module.web.bucket_name
    distributionId  = module.web.distribution_id
    backupDrBucket  = module.backup.dr_bucket_name
    serviceAccounts = module.eks.pod_identity_bindings
    database        = { host = module.database.address, port = module.database.port, name = module.database.db_name, secretArn = module.database.master_user_secret_arn }
    redis           = { host = module.cache.primary_endpoint_address, port = module.cache.port, tls = true }
    secretNames     = module.secrets.secret_names
    logGroups       = module.eks.log_group_names
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
    eso_secrets   = local.eso_secret_keys
    web           = module.web.settings
    observability = module.observability.settings
    prometheus    = module.prometheus.settings
    ci_access     = module.ci_access.settings
    audit         = module.audit.settings
    edge_logs     = module.edge_logs.settings
    edge_waf      = module.edge_protection.settings
    threats       = module.threat_detection.settings
  }
}

# Names the security runbooks (docs/security-operations.md) start from.
output "security" {
  description = "Audit trail, edge logs, WAF and GuardDuty of the environment: names for the security runbooks."
  value = {
    trail              = module.audit.trail_arn
    auditBucket        = module.audit.bucket_name
    trailLogGroup      = module.audit.log_group_name
    edgeLogBucket      = module.edge_logs.bucket_name
    athena             = module.edge_logs.athena
    webAclArn          = module.edge_protection.web_acl_arn
    wafLogGroup        = module.edge_protection.log_group_name
    guardDutyDetector  = module.threat_detection.detector_id
    findingsLogGroup   = module.threat_detection.findings_log_group
    securityAlarmNames = concat(module.audit.alarm_names, ["${local.name}-guardduty-high-severity"])
  }
}

# Values of the controllers ci/platform installs with Helm (ci/platform/releases.json), by release name, in each
# chart's own keys: ci/platform/install.sh passes them after the repository's values files. One entry per release
# of ci/platform/releases.json (tests/terraform/unit/platform.tftest.hcl compares).
output "platform_values" {
  description = "Per-release Helm values of the cluster controllers (ci/platform), from this environment's resources."
  value = {
    "aws-load-balancer-controller" = { clusterName = module.eks.cluster_name, region = var.region, vpcId = module.network.vpc_id }
    "cluster-autoscaler"           = { autoDiscovery = { clusterName = module.eks.cluster_name }, awsRegion = var.region }
    "external-secrets"             = {}
    "prometheus-pushgateway"       = {}
    "kube-state-metrics"           = {}
    # Rendered into ci/platform/manifests by install.sh (envsubst): the ClusterSecretStore's region.
    manifests = { AWS_REGION = var.region, CLUSTER_NAME = module.eks.cluster_name }
  }
}
