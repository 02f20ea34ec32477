# One environment of Notejam: the same code for dev, test, prod and prod's DR copy; only terraform.tfvars differs.

locals {
  name = "${var.project}-${var.environment}"

  # Secrets Manager secrets of the application; generated ones are made by Secrets Manager itself.
  app_secrets = {
    "jwt-keys"         = { description = "NOTEJAM_JWT_KEYS key ring (kid:base64key[,...])", generate = true, length = 64, format = "k1:%s" }
    "redis-auth-token" = { description = "ElastiCache AUTH token (NOTEJAM_REDIS_URL password)", generate = true, length = 64 }
    "origin-verify"    = { description = "Header value CloudFront sends to the ALB", generate = true, length = 48 }
    # Database roles (ops/backup/sql/provision-roles.sql): the migration hook sets them with the master user.
    "db-api-password"     = { description = "Password of the database role notejam_api (the API)", generate = true, length = 40 }
    "db-migrate-password" = { description = "Password of the database role notejam_migrate (migrations)", generate = true, length = 40 }
    "db-backup-password"  = { description = "Password of the database role notejam_backup (backups)", generate = true, length = 40 }
    "smtp-url"            = { description = "NOTEJAM_SMTP_URL (filled by an operator)" }
    "backup-age-identity" = { description = "age private key of the restore drill (filled by an operator)" }
    "restore-drill"       = { description = "Restore drill: JSON {age_identity, drill_database_url} (filled by an operator; the chart's restoreDrill.remoteKey)" }
    "gitlab-agent-token"  = { description = "GitLab agent for Kubernetes token, read by ci/bin/agent-install.sh (filled by an operator)" }
  }

  # What External Secrets Operator may read: exactly the secrets charts/notejam's ExternalSecret assembles the
  # API's Secret from (helm_values: secrets.externalSecret.remoteKeys), plus RDS's master user secret (database
  # key), and the restore drill's secret (helm_values: restoreDrill.remoteKey). origin-verify stays between
  # CloudFront and the ALB; backup-age-identity (the failover copy of the key) with the operators.
  eso_secret_keys = ["jwt-keys", "redis-auth-token", "smtp-url", "restore-drill", "db-api-password", "db-migrate-password", "db-backup-password"]
  eso_statements = concat([
    {
      Sid      = "ReadNotejamSecrets"
      Effect   = "Allow"
      Action   = ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"]
      Resource = [for k in local.eso_secret_keys : module.secrets.secret_arns[k]]
    },
    {
      Sid      = "DecryptNotejamSecrets"
      Effect   = "Allow"
      Action   = ["kms:Decrypt"]
      Resource = [module.secrets.kms_key_arns["secrets"]]
    },
  ], module.database.secret_reader_statements)
}

module "secrets" {
  source    = "../../modules/secrets"
  providers = { aws = aws, aws.dr = aws.dr }

  name                    = local.name
  dr_region               = var.dr_region
  secrets                 = local.app_secrets
  recovery_window_in_days = var.secret_recovery_window_days
}

module "network" {
  source = "../../modules/network"

  name                    = local.name
  cluster_name            = local.name
  cidr_block              = var.vpc_cidr
  az_count                = var.az_count
  single_nat_gateway      = var.single_nat_gateway
  flow_log_retention_days = var.log_retention_days
}

module "backup" {
  source    = "../../modules/backup"
  providers = { aws = aws, aws.dr = aws.dr }

  name               = local.name
  kms_key_arn        = module.secrets.kms_key_arns["backup"]
  dr_kms_key_arn     = module.secrets.dr_kms_key_arns["backup"]
  retention_days     = var.backup.retention_days
  lock_mode          = var.backup.lock_mode
  archive_after_days = var.backup.archive_after_days
  rds_instance_arns  = [module.database.instance_arn]
  force_destroy      = var.throwaway
}

module "eks" {
  source = "../../modules/eks"

  name                   = local.name
  kubernetes_version     = var.kubernetes_version
  subnet_ids             = module.network.private_subnet_ids
  endpoint_public_access = length(var.eks_public_access_cidrs) > 0
  public_access_cidrs    = var.eks_public_access_cidrs
  log_retention_days     = var.log_retention_days
  node_groups            = var.node_groups
  admin_role_names       = var.eks_admin_role_names

  deployers = {
    "gitlab-deploy" = { principal_arn = module.ci_access.deploy_role_arn, kubernetes_groups = ["notejam-deployers"] }
  }

  pod_identities = {
    "external-secrets" = {
      namespace       = "external-secrets"
      service_account = "external-secrets"
      statements_json = jsonencode(local.eso_statements)
    }
    "notejam-backup" = {
      namespace       = var.app_namespace
      service_account = "notejam-backup"
      statements_json = jsonencode(module.backup.writer_statements)
    }
    "notejam-restore-drill" = {
      namespace       = var.app_namespace
      service_account = "notejam-restore-drill"
      statements_json = jsonencode(module.backup.reader_statements)
    }
  }
}

module "database" {
  source    = "../../modules/database"
  providers = { aws = aws, aws.dr = aws.dr }

  name                               = local.name
  vpc_id                             = module.network.vpc_id
  subnet_ids                         = module.network.database_subnet_ids
  allowed_security_groups            = { eks = module.eks.cluster_security_group_id }
  kms_key_arn                        = module.secrets.kms_key_arns["database"]
  instance_class                     = var.database.instance_class
  allocated_storage                  = var.database.allocated_storage
  max_allocated_storage              = var.database.max_allocated_storage
  multi_az                           = var.database.multi_az
  deletion_protection                = var.database.deletion_protection
  log_retention_days                 = var.log_retention_days
  snapshot_identifier                = var.database.snapshot_identifier
  restore_from_automated_backups_arn = var.database.restore_from_automated_backups_arn
  replicate_backups_to_dr            = var.database.replicate_backups_to_dr
  dr_kms_key_arn                     = module.secrets.dr_kms_key_arns["database"]
}

module "cache" {
  source = "../../modules/cache"

  name                    = local.name
  vpc_id                  = module.network.vpc_id
  subnet_ids              = module.network.database_subnet_ids
  azs                     = module.network.azs
  allowed_security_groups = { eks = module.eks.cluster_security_group_id }
  kms_key_arn             = module.secrets.kms_key_arns["cache"]
  auth_token              = module.secrets.generated_values["redis-auth-token"]
  node_type               = var.cache.node_type
  num_cache_clusters      = var.cache.num_cache_clusters
  snapshot_retention_days = var.cache.snapshot_retention_days
  log_retention_days      = var.log_retention_days
}

module "registry" {
  source = "../../modules/registry"

  create               = var.registry.owner
  repositories         = local.registry_repositories
  registry_account_id  = var.registry.account_id
  registry_region      = var.registry.region
  pull_organization_id = var.registry.pull_organization_id
  dr_region            = var.dr_region
  manage_replication   = var.manage_ecr_replication
  force_delete         = var.throwaway
}

locals {
  # What the pipeline pushes (ci/package.yml, ci/lint.yml): tests/ci/registry-closure.test.mjs
  registry_repositories = ["notejam-api", "notejam-ops", "notejam-ci-builder", "charts/notejam"]
}

# The DR copy of an environment finds its repositories already created by replication: adopt them.
import {
  for_each = var.adopt_replicated_repositories ? toset(local.registry_repositories) : toset([])
  to       = module.registry.aws_ecr_repository.this[each.key]
  id       = each.key
}

module "web" {
  source    = "../../modules/web"
  providers = { aws = aws, aws.global = aws.global }

  name                     = local.name
  vpc_id                   = module.network.vpc_id
  public_subnet_ids        = module.network.public_subnet_ids
  target_security_group_id = module.eks.cluster_security_group_id
  dns                      = var.dns
  origin_verify_secret     = module.secrets.generated_values["origin-verify"]
  web_acl_arn              = module.edge_protection.web_acl_arn
  access_logs              = { bucket = module.edge_logs.bucket_name, prefix = module.edge_logs.alb_prefix }
  deletion_protection      = !var.throwaway
  force_destroy            = var.throwaway
}

module "observability" {
  source = "../../modules/observability"

  name                    = local.name
  alarm_emails            = var.alarm_emails
  rds_instance_id         = module.database.instance_id
  cache_node_ids          = module.cache.member_cluster_ids
  alb_arn_suffix          = module.web.alb_arn_suffix
  target_group_arn_suffix = module.web.target_group_arn_suffix
}

# Metrics scraping, rule evaluation and alert routing, run by AWS (AMP + managed collector). The rule file is the
# one the chart embeds and promtool tests; the Pushgateway itself is installed by ci/platform (pinned chart).
module "prometheus" {
  source = "../../modules/prometheus"

  name               = local.name
  region             = var.region
  rules_yaml         = file("${path.root}/${var.prometheus_rules_file}")
  alarm_topic_arn    = module.observability.alarm_topic_arn
  silenced_alerts    = var.backups_scheduled ? [] : local.backup_alerts
  cluster_name       = module.eks.cluster_name
  cluster_arn        = module.eks.cluster_arn
  subnet_ids         = module.network.private_subnet_ids
  security_group_ids = [module.eks.cluster_security_group_id]
  app_namespace      = var.app_namespace
  pushgateway        = { namespace = "monitoring", service = "prometheus-pushgateway", port = 9091 }
}

locals {
  # The rule file's alerts about the backup and restore-drill CronJobs (silenced where they are not scheduled).
  backup_alerts = sort(flatten([for g in yamldecode(file("${path.root}/${var.prometheus_rules_file}")).groups : [
  for r in g.rules : r.alert if can(r.alert)] if g.name == "notejam-backup.alerts"]))
}

module "ci_access" {
  source = "../../modules/ci-access"

  name                 = local.name
  gitlab_url           = var.gitlab.url
  project_path         = var.gitlab.project_path
  create_oidc_provider = var.gitlab.create_oidc_provider
  deploy_refs          = var.gitlab.deploy_refs
  infra_refs           = var.gitlab.infra_refs
  plan_refs            = var.gitlab.plan_refs
  state_key_prefix     = "${var.project}/${var.environment}" # prod's also covers prod-dr (its weekly plan)
  # The registry's owner has the one build role; its DR copy adopts the repositories but not the (global) role.
  build_role_name     = var.registry.owner && !var.adopt_replicated_repositories ? "${var.project}-ci-build" : null
  ecr_repository_arns = values(module.registry.repository_arns)
  web_bucket_arn      = module.web.bucket_arn
  distribution_arn    = module.web.distribution_arn
  cluster_arn         = module.eks.cluster_arn
}

# --- security: audit trail, edge logs, WAF, threat detection (docs/security-operations.md) ---

module "audit" {
  source = "../../modules/audit"

  name               = local.name
  lock_mode          = var.backup.lock_mode # the environment's one choice: may an admin lift a lock (dev) or not
  retention_days     = var.audit_retention_days
  log_retention_days = var.log_retention_days
  alarm_topic_arn    = module.observability.alarm_topic_arn
  force_destroy      = var.throwaway
}

module "edge_logs" {
  source    = "../../modules/edge-logs"
  providers = { aws = aws, aws.global = aws.global }

  name             = local.name
  distribution_arn = module.web.distribution_arn
  distribution_id  = module.web.distribution_id
  retention_days   = var.log_retention_days
  force_destroy    = var.throwaway
}

module "edge_protection" {
  source    = "../../modules/edge-protection"
  providers = { aws = aws.global }

  name               = local.name
  api_rate_limit     = var.api_rate_limit
  rate_limited_paths = ["/api/v1/auth/signup", "/api/v1/auth/signin", "/api/v1/auth/forgot-password", "/api/v1/auth/reset-password"]
  api_max_body_bytes = var.api_max_body_bytes
  log_retention_days = var.log_retention_days
}

module "threat_detection" {
  source = "../../modules/threat-detection"

  name               = local.name
  manage_detector    = var.manage_guardduty_detector
  log_retention_days = var.log_retention_days
  alarm_topic_arn    = module.observability.alarm_topic_arn
}
