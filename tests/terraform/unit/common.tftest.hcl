# Promises every environment keeps, whatever its tfvars (run against dev, test, prod and prod-dr).
# One run applies the whole root against the mocked provider and checks the effective settings the modules
# report back from their resources; one run keeps the suite fast (each extra run re-plans ~200 resources).

run "promises" {
  # --- network ---
  assert {
    condition     = length(output.settings.network.azs) == 3 && length(distinct(output.settings.network.azs)) == 3
    error_message = "The VPC must span 3 distinct availability zones, got ${jsonencode(output.settings.network.azs)}."
  }
  assert {
    condition = alltrue([for tier in ["public_subnet_azs", "private_subnet_azs", "database_subnet_azs"] :
    output.settings.network[tier] == sort(output.settings.network.azs)])
    error_message = "Every subnet tier must have one subnet in each of the 3 AZs."
  }
  assert {
    condition     = output.settings.network.public_subnets_tagged_for_elb && output.settings.network.private_subnets_tagged_for_internal_elb
    error_message = "Subnets must carry the kubernetes.io/role/(internal-)elb and cluster tags for the Load Balancer Controller."
  }
  assert {
    condition     = output.settings.network.flow_log_traffic_type == "ALL" && output.settings.network.flow_log_retention_days == var.log_retention_days
    error_message = "VPC flow logs must record ALL traffic into a log group with the environment's retention."
  }
  assert {
    condition     = output.settings.network.database_subnets_without_internet
    error_message = "Database subnets must use the route table without a default route."
  }

  # --- eks ---
  assert {
    condition     = output.settings.eks.log_types == tolist(["api", "audit", "authenticator", "controllerManager", "scheduler"])
    error_message = "All five control-plane log types must be enabled."
  }
  assert {
    condition     = output.settings.eks.secrets_encryption == tolist(["secrets"]) && startswith(output.settings.eks.secrets_kms_key_arn, "arn:aws:kms:")
    error_message = "Kubernetes secrets must be envelope-encrypted with a KMS key."
  }
  assert {
    condition     = output.settings.eks.endpoint_private_access && output.settings.eks.authentication_mode == "API" && output.settings.eks.zonal_shift
    error_message = "The API endpoint must be reachable privately, access must use access entries, zonal shift must be on."
  }
  # One managed node group per zone: the autoscaler can grow the zone a DoNotSchedule spread needs.
  assert {
    condition = alltrue([for name in distinct([for g in output.settings.eks.node_groups : g.group]) :
      sort(flatten([for g in output.settings.eks.node_groups : g.subnet_ids if g.group == name])) == sort(output.settings.network.private_subnet_ids)
    ]) && alltrue([for g in output.settings.eks.node_groups : length(g.subnet_ids) == 1 && g.autoscaler_tags && g.imds_v2_only && g.disk_encrypted])
    error_message = "Each node group must be one managed group per private subnet (zone), together covering every zone, with the Cluster Autoscaler tags, IMDSv2 and encrypted disks: ${jsonencode(output.settings.eks.node_groups)}"
  }
  assert {
    condition = alltrue([for name, spec in var.node_groups :
      sum([for g in output.settings.eks.node_groups : g.min_size if g.group == name]) == spec.min_size &&
      sum([for g in output.settings.eks.node_groups : g.max_size if g.group == name]) >= spec.max_size &&
    alltrue([for g in output.settings.eks.node_groups : g.max_size >= 1 if g.group == name])])
    error_message = "The zones of a node group must add up to its min_size and reach at least its max_size, each zone able to hold a node."
  }
  assert {
    condition = alltrue([for name in distinct([for g in output.settings.eks.node_groups : g.group]) :
      sum([for g in output.settings.eks.node_groups : g.max_size if g.group == name]) >= 4 * sum([for g in output.settings.eks.node_groups : g.min_size if g.group == name])
    ])
    error_message = "Every node group must be able to grow to at least 4x its minimum (event traffic)."
  }
  assert {
    condition     = output.settings.eks.network_policy_enforced && output.settings.eks.addon_configuration["vpc-cni"].enableNetworkPolicy == "true"
    error_message = "The VPC CNI add-on must enforce NetworkPolicies (enableNetworkPolicy)."
  }
  assert {
    condition     = tolist(output.settings.eks.addon_pod_identities["amazon-cloudwatch-observability"]) == tolist(["cloudwatch-agent"]) && output.settings.eks.pod_identity_managed["cloudwatch-agent"] == "arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy"
    error_message = "The CloudWatch Observability add-on (log shipper) must get its documented policy through Pod Identity, not the node role."
  }
  assert {
    condition = output.settings.eks.container_log_groups["application"] == {
      name = "/aws/containerinsights/${output.cluster_name}/application", retention_days = var.log_retention_days
    } && alltrue([for g in values(output.settings.eks.container_log_groups) : g.retention_days == var.log_retention_days]) && output.deploy_settings.logGroups.application == "/aws/containerinsights/${output.cluster_name}/application"
    error_message = "The log groups the add-on writes to (/aws/containerinsights/<cluster>/<kind>) must be Terraform's, with the environment's retention."
  }
  assert {
    condition     = length(setsubtract(["vpc-cni", "coredns", "kube-proxy", "eks-pod-identity-agent"], output.settings.eks.addons)) == 0
    error_message = "Core add-ons and the Pod Identity agent must be installed."
  }
  assert {
    condition = tomap(output.settings.eks.pod_identity_associations) == tomap({
      "aws-load-balancer-controller" = "kube-system/aws-load-balancer-controller"
      "cluster-autoscaler"           = "kube-system/cluster-autoscaler"
      "external-secrets"             = "external-secrets/external-secrets"
      "notejam-backup"               = "${var.app_namespace}/notejam-backup"
      "notejam-restore-drill"        = "${var.app_namespace}/notejam-restore-drill"
    })
    error_message = "Pod Identity must bind exactly the controller, autoscaler, ESO and backup ServiceAccounts: ${jsonencode(output.settings.eks.pod_identity_associations)}"
  }
  assert {
    condition     = output.settings.eks.pod_identity_trust == tolist(["pods.eks.amazonaws.com"])
    error_message = "Pod Identity roles must trust only pods.eks.amazonaws.com."
  }
  assert {
    condition     = tolist(output.settings.eks.addon_pod_identities["aws-ebs-csi-driver"]) == tolist(["ebs-csi-controller-sa"])
    error_message = "The EBS CSI add-on must get its role through Pod Identity."
  }

  # --- external secrets iam: exactly what the chart's ExternalSecret reads ---
  assert {
    condition = jsonencode(output.settings.eso_secrets) == jsonencode(["jwt-keys", "redis-auth-token", "smtp-url", "restore-drill", "db-api-password", "db-migrate-password", "db-backup-password"]) && jsonencode([
      for s in output.settings.eks.pod_identity_policies["external-secrets"] : [s.Sid, length(s.Resource)]]) == jsonencode([
    ["ReadNotejamSecrets", 7], ["DecryptNotejamSecrets", 1], ["ReadDatabaseSecret", 1], ["DecryptDatabaseSecret", 1]])
    error_message = "ESO must read the chart's secrets, the restore drill's, the database roles' and RDS's, nothing else: ${jsonencode(output.settings.eks.pod_identity_policies["external-secrets"])}"
  }
  # The drill's ExternalSecret reads helm_values.restoreDrill.remoteKey: ESO's policy must name that very secret.
  assert {
    condition     = output.helm_values.restoreDrill.remoteKey == output.deploy_settings.secretNames["restore-drill"] && contains(output.settings.eso_secrets, "restore-drill")
    error_message = "External Secrets must be allowed to read the secret the restore drill's ExternalSecret names."
  }
  assert {
    condition = [for s in output.settings.eks.pod_identity_policies["external-secrets"] : s.Resource if s.Sid == "ReadDatabaseSecret"][0] == [
      output.deploy_settings.database.secretArn] && [for s in output.settings.eks.pod_identity_policies["external-secrets"] : s.Resource if s.Sid == "DecryptDatabaseSecret"][0] == [
      output.settings.database.master_user_secret_kms_key] && [for s in output.settings.eks.pod_identity_policies["external-secrets"] : s.Resource if s.Sid == "DecryptNotejamSecrets"][0] == [
    output.settings.secrets.secrets["jwt-keys"].kms_key_arn]
    error_message = "ESO must read RDS's master user secret and decrypt with the key each secret is encrypted with (database key for RDS's, secrets key for the app's)."
  }
  assert {
    condition = alltrue([for s in output.settings.eks.pod_identity_policies["external-secrets"] :
    alltrue([for a in flatten([s.Action]) : contains(["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret", "kms:Decrypt"], a)])])
    error_message = "ESO may only read secrets and decrypt them."
  }

  # --- backup job iam ---
  # The backup job writes under the prefix of the backup bucket only; the drill only reads.
  assert {
    condition = [for s in output.settings.eks.pod_identity_policies["notejam-backup"] : s.Resource if s.Sid == "BackupObjects"][0] == [
    "arn:aws:s3:::${output.settings.backup.bucket.name}/postgres/*"]
    error_message = "notejam-backup may touch objects under <backup bucket>/postgres/ only."
  }
  assert {
    condition = alltrue([for s in output.settings.eks.pod_identity_policies["notejam-backup"] :
    alltrue([for a in flatten([s.Action]) : contains(["s3:PutObject", "s3:GetObject", "s3:ListBucket", "kms:GenerateDataKey", "kms:Encrypt", "kms:Decrypt"], a)])])
    error_message = "notejam-backup must not be able to delete, overwrite retention or do anything beyond put/get/list/encrypt."
  }
  assert {
    condition = [for s in output.settings.eks.pod_identity_policies["notejam-backup"] : s.Condition.StringLike["s3:prefix"] if s.Sid == "ListBackupPrefix"][0] == [
    "postgres/*"]
    error_message = "notejam-backup may list the backup prefix only."
  }
  assert {
    condition = alltrue([for s in output.settings.eks.pod_identity_policies["notejam-restore-drill"] :
    alltrue([for a in flatten([s.Action]) : contains(["s3:GetObject", "s3:ListBucket", "kms:Decrypt"], a)])])
    error_message = "notejam-restore-drill must be read-only."
  }
  assert {
    condition = alltrue([for s in output.settings.eks.pod_identity_policies["cluster-autoscaler"] :
    s.Resource == "*" && (s.Sid != "ScaleOwnGroupsOnly" || try(s.Condition.StringEquals["aws:ResourceTag/k8s.io/cluster-autoscaler/${output.name}"], "") == "owned")])
    error_message = "The Cluster Autoscaler may only resize node groups tagged as owned by this cluster."
  }

  # --- database ---
  assert {
    condition     = output.settings.database.engine == "postgres" && startswith(output.settings.database.engine_version, "15") && output.settings.database.parameter_group_family == "postgres15"
    error_message = "The database must be PostgreSQL 15."
  }
  assert {
    condition     = output.settings.database.storage_encrypted && startswith(output.settings.database.kms_key_arn, "arn:aws:kms:")
    error_message = "RDS storage must be encrypted with a customer managed KMS key."
  }
  assert {
    condition     = output.settings.database.backup_retention_days == 35
    error_message = "Automated backups must be kept 35 days."
  }
  assert {
    condition     = output.settings.database.manage_master_user_password && startswith(output.settings.database.master_user_secret_kms_key, "arn:aws:kms:")
    error_message = "The master password must be generated by RDS and kept in Secrets Manager under the customer key."
  }
  assert {
    condition     = output.settings.database.performance_insights_enabled && startswith(output.settings.database.performance_insights_kms_key, "arn:aws:kms:") && output.settings.database.monitoring_interval > 0
    error_message = "Performance Insights (encrypted) and enhanced monitoring must be on."
  }
  assert {
    condition = (output.settings.database.parameters["log_min_duration_statement"] != "-1" && output.settings.database.parameters["log_connections"] == "1"
      && output.settings.database.parameters["log_lock_waits"] == "1" && output.settings.database.parameters["rds.force_ssl"] == "1"
    && output.settings.database.log_exports == tolist(["postgresql", "upgrade"]) && tolist(output.settings.database.log_retention_days) == tolist([var.log_retention_days]))
    error_message = "The parameter group must log slow statements, connections and lock waits, force TLS, and export logs with a retention."
  }
  assert {
    condition     = !output.settings.database.publicly_accessible
    error_message = "The database must not be publicly accessible."
  }

  # --- cache ---
  assert {
    condition     = output.settings.cache.automatic_failover_enabled && output.settings.cache.multi_az_enabled && output.settings.cache.num_cache_clusters >= 2
    error_message = "ElastiCache must have a replica, automatic failover and Multi-AZ."
  }
  assert {
    condition     = length(distinct(output.settings.cache.node_azs)) == output.settings.cache.num_cache_clusters || length(distinct(output.settings.cache.node_azs)) == 3
    error_message = "Cache nodes must sit in different availability zones."
  }
  assert {
    condition     = output.settings.cache.at_rest_encryption_enabled == "true" && startswith(output.settings.cache.kms_key_arn, "arn:aws:kms:")
    error_message = "ElastiCache must be encrypted at rest with a customer managed key."
  }
  assert {
    condition     = output.settings.cache.transit_encryption_enabled && output.settings.cache.transit_encryption_mode == "required" && output.settings.cache.auth_token_set
    error_message = "ElastiCache must require TLS and an AUTH token."
  }

  # --- backup bucket ---
  assert {
    condition = alltrue([for b in [output.settings.backup.bucket, output.settings.backup.dr_bucket] :
    b.object_lock.days == 1095 && contains(["COMPLIANCE", "GOVERNANCE"], b.object_lock.mode) && b.versioning == "Enabled"])
    error_message = "Both backup buckets must be versioned with a 1095-day Object Lock default retention."
  }
  assert {
    condition = alltrue([for b in [output.settings.backup.bucket, output.settings.backup.dr_bucket] : anytrue([for r in b.lifecycle_rules : try(
      r.status == "Enabled" && one(r.transition[*].storage_class) == "DEEP_ARCHIVE" && one(r.expiration[*].days) == 1095
    && one(r.noncurrent_version_expiration[*].noncurrent_days) > 0, false)])])
    error_message = "Both backup buckets must move objects to Deep Archive, expire them at 1095 days and expire noncurrent versions."
  }
  assert {
    condition = alltrue([for b in [output.settings.backup.bucket, output.settings.backup.dr_bucket] :
    b.sse_algorithm == "aws:kms" && startswith(b.kms_key_arn, "arn:aws:kms:")])
    error_message = "Backup buckets must use SSE-KMS with a customer key."
  }
  assert {
    condition = (output.settings.backup.replication["to-dr-region"].status == "Enabled"
      && output.settings.backup.replication["to-dr-region"].destination_bucket == "arn:aws:s3:::${output.settings.backup.dr_bucket.name}"
      && output.settings.backup.replication["to-dr-region"].delete_markers == "Disabled"
    && output.settings.backup.replication["to-dr-region"].replica_kms_key_arn == output.settings.backup.dr_bucket.kms_key_arn)
    error_message = "Backups must replicate to the DR bucket (re-encrypted with its key) without replicating deletes."
  }
  assert {
    condition     = output.settings.backup.dr_bucket_region == var.dr_region && strcontains(output.settings.backup.dr_bucket.name, var.dr_region)
    error_message = "The replica bucket must live in the DR region ${var.dr_region}."
  }

  # --- aws backup plan ---
  assert {
    condition     = output.settings.backup.plan_rules["daily"].delete_after_days == 35 && output.settings.backup.plan_rules["daily"].copies[0].delete_after_days == 35
    error_message = "Daily RDS recovery points (and their DR copies) must be kept 35 days."
  }
  assert {
    condition     = output.settings.backup.plan_rules["monthly"].delete_after_days == 1095 && output.settings.backup.plan_rules["monthly"].copies[0].delete_after_days == 1095
    error_message = "Monthly RDS recovery points (and their DR copies) must be kept 1095 days."
  }
  assert {
    condition     = alltrue([for r in output.settings.backup.plan_rules : length(r.copies) == 1 && r.copies[0].vault_arn == output.backup_vault_arns.dr])
    error_message = "Every rule must copy to the DR-region vault."
  }
  assert {
    condition     = alltrue([for l in output.settings.backup.vault_locks : l.max_retention_days >= 1095 && l.min_retention_days >= 7])
    error_message = "Both vaults must be locked."
  }
  assert {
    condition     = tolist(output.settings.backup.protected_resources) == tolist([output.settings.database.arn])
    error_message = "The AWS Backup selection must protect the RDS instance."
  }

  # --- registry ---
  assert {
    condition = jsonencode(sort(keys(output.settings.registry.repositories))) == jsonencode(var.registry.owner ?
    ["charts/notejam", "notejam-api", "notejam-ci-builder", "notejam-ops"] : [])
    error_message = "The registry owner (prod) holds the images, the chart and the CI builder image; other environments create no repositories (names would collide in one account)."
  }
  assert {
    condition = alltrue([for r in output.settings.registry.repositories :
    r.tag_mutability == "IMMUTABLE" && r.scan_on_push && r.encryption_type == "KMS" && r.lifecycle_rules == 2])
    error_message = "Repositories must have immutable tags, scan on push, KMS encryption and a lifecycle policy."
  }
  assert {
    condition     = jsonencode(output.settings.registry.replicated_repositories) == jsonencode(sort(keys(output.settings.registry.repositories))) && jsonencode(output.settings.registry.replication_destinations) == jsonencode(var.registry.owner ? [var.dr_region] : [])
    error_message = "Every repository must replicate to the DR region."
  }

  # --- secrets ---
  assert {
    condition     = alltrue([for s in output.settings.secrets.secrets : s.replica_regions == tolist([var.dr_region]) && length(s.replica_kms) == 1])
    error_message = "Every secret must be replicated to the DR region under the replica KMS key."
  }
  assert {
    condition     = alltrue([for k in output.settings.secrets.keys : k.multi_region && k.rotation])
    error_message = "KMS keys must be multi-Region with rotation."
  }
  assert {
    condition     = output.settings.secrets.keys["secrets"].dr_replica && output.settings.secrets.keys["backup"].dr_replica && output.settings.secrets.keys["database"].dr_replica
    error_message = "Keys whose data is read in the DR region must have a DR replica."
  }
  assert {
    condition     = output.settings.secrets.secrets["jwt-keys"].generated && output.settings.secrets.secrets["redis-auth-token"].generated && alltrue([for r in ["api", "migrate", "backup"] : output.settings.secrets.secrets["db-${r}-password"].generated])
    error_message = "JWT keys, the Redis token and the database roles' passwords must be generated by Secrets Manager, not written in code."
  }

  # --- web ---
  assert {
    condition     = output.settings.web.origins["spa"].uses_oac && output.settings.web.oac_signing == "always/sigv4"
    error_message = "The SPA bucket must be read through CloudFront origin access control."
  }
  assert {
    condition = (output.settings.web.path_behaviors["/api/*"].origin == "api" && tolist(output.settings.web.origins["api"].verify_header) == tolist(["X-Origin-Verify"])
    && contains(output.settings.web.path_behaviors["/api/*"].methods, "POST") && output.settings.web.path_behaviors["/api/*"].viewer_protocol == "https-only")
    error_message = "/api/* must go to the ALB origin over HTTPS with the origin-verify header."
  }
  assert {
    condition     = output.settings.web.default_behavior.origin == "spa" && output.settings.web.default_behavior.viewer_protocol == "redirect-to-https"
    error_message = "Everything else must come from the SPA bucket over HTTPS."
  }
  assert {
    condition = (output.settings.web.default_behavior.headers_policy && output.settings.web.path_behaviors["/api/*"].headers_policy
      && output.settings.web.security_headers.hsts_max_age >= 31536000 && output.settings.web.security_headers.frame_option == "DENY"
    && output.settings.web.security_headers.nosniff && strcontains(output.settings.web.security_headers.csp, "frame-ancestors 'none'"))
    error_message = "Every response must carry HSTS (>= 1 year), CSP, X-Frame-Options DENY and nosniff."
  }
  assert {
    condition = (output.settings.web.alb_default_action == "fixed-response" && output.settings.web.alb_drops_bad_header
    && output.settings.web.alb_ingress_prefix != "")
    error_message = "The ALB must only accept CloudFront (prefix list) and refuse requests without the verify header."
  }

  # --- no public buckets ---
  assert {
    condition = alltrue([for b in [output.settings.backup.bucket, output.settings.backup.dr_bucket, output.settings.web.bucket] :
    b.public_access_blocked && b.object_ownership == "BucketOwnerEnforced" && contains([for s in b.policy_statements : s.Sid], "DenyInsecureTransport")])
    error_message = "Every bucket must block public access, disable ACLs and deny non-TLS requests."
  }
  assert {
    condition = alltrue([for s in output.settings.web.bucket.policy_statements :
    s.Effect == "Deny" || (try(s.Principal.Service, "") == "cloudfront.amazonaws.com" && try(s.Condition.StringEquals["AWS:SourceArn"], "") != "")])
    error_message = "The only principal the SPA bucket allows is this CloudFront distribution."
  }
  assert {
    condition     = output.settings.web.bucket.sse_algorithm != null && output.settings.web.bucket.versioning == "Enabled"
    error_message = "The SPA bucket must be encrypted and versioned."
  }

  # --- observability ---
  assert {
    condition = length(setsubtract([
      "AWS/RDS CPUUtilization", "AWS/RDS FreeStorageSpace", "AWS/RDS DatabaseConnections",
      "AWS/ElastiCache EngineCPUUtilization", "AWS/ElastiCache DatabaseMemoryUsagePercentage", "AWS/ElastiCache ReplicationLag",
      "AWS/ApplicationELB HTTPCode_ELB_5XX_Count", "AWS/ApplicationELB HTTPCode_Target_5XX_Count", "AWS/ApplicationELB TargetResponseTime",
    ], keys(output.settings.observability.alarmed_metrics))) == 0
    error_message = "Alarms must cover RDS (CPU, storage, connections), ElastiCache (CPU, memory, replica lag) and the ALB (5xx, latency)."
  }
  assert {
    condition     = output.settings.observability.alarmed_metrics["AWS/ElastiCache ReplicationLag"] == output.settings.cache.num_cache_clusters
    error_message = "Every cache node must have a replication-lag alarm (the primary changes on failover)."
  }
  assert {
    condition     = output.settings.observability.alarms_notify_sns && output.settings.observability.topic_encrypted
    error_message = "Every alarm must notify the encrypted SNS topic."
  }
  assert {
    condition     = jsonencode(distinct([for g in values(output.settings.eks.container_log_groups) : g.retention_days])) == jsonencode([var.log_retention_days]) && output.settings.eks.log_retention_days == var.log_retention_days
    error_message = "Log groups must have the environment's retention."
  }
  assert {
    condition     = output.settings.observability.topic_publishers == tolist(["aps.amazonaws.com", "cloudwatch.amazonaws.com"])
    error_message = "The alarm topic must let CloudWatch alarms and AMP's alert manager publish (and no other service): ${jsonencode(output.settings.observability.topic_publishers)}"
  }

  # --- ci access: deploy, infra and plan roles per environment (docs/ci-cd.md) ---
  assert {
    condition     = output.settings.ci_access.trust_action == tolist(["sts:AssumeRoleWithWebIdentity"]) && alltrue([for c in values(output.settings.ci_access.trust_conditions) : c.StringEquals["gitlab.com:aud"] == "sts.amazonaws.com"])
    error_message = "Every CI role must only be assumable with a GitLab id_token for our audience."
  }
  assert {
    condition = alltrue(flatten([for c in values(output.settings.ci_access.trust_conditions) : [for s in c.StringLike["gitlab.com:sub"] :
    startswith(s, "project_path:${var.gitlab.project_path}:ref_type:")]]))
    error_message = "Only pipelines of ${var.gitlab.project_path} may assume the CI roles."
  }
  assert {
    condition     = alltrue([for k in ["deploy", "infra", "plan"] : output.settings.ci_access.role_names[k] == "${output.name}-ci-${k}"])
    error_message = "Each environment has <name>-ci-deploy, -ci-infra and -ci-plan (docs/ci-cd.md names them)."
  }
  assert {
    condition     = !contains(flatten([for p in values(output.settings.ci_access.permissions) : [for s in values(p) : s.action if s.effect == "Allow"]]), "*")
    error_message = "No inline CI policy may allow every action."
  }
  assert {
    condition     = jsonencode(output.settings.ci_access.managed_policies) == jsonencode({ infra = "arn:aws:iam::aws:policy/AdministratorAccess", plan = "arn:aws:iam::aws:policy/ReadOnlyAccess" })
    error_message = "Only the infra role applies; the plan role is read only."
  }
  assert {
    condition     = !contains(keys(output.settings.ci_access.managed_policies), "deploy") && contains(output.settings.ci_access.permissions.deploy.SpaInvalidate.action, "cloudfront:GetInvalidation")
    error_message = "The deploy role has its own closure (spa-publish.sh waits for the invalidation: GetInvalidation)."
  }
  assert {
    condition     = contains(keys(output.settings.ci_access.role_names), "build") == (var.registry.owner && !var.adopt_replicated_repositories)
    error_message = "Exactly one build role exists: in the registry owner, not in its DR copy (IAM names are account-wide)."
  }
  assert {
    condition     = jsonencode(output.settings.eks.deployer_groups) == jsonencode({ "gitlab-deploy" = ["notejam-deployers"] })
    error_message = "The CI deploy role reaches Kubernetes only as the notejam-deployers group (bound by ci/rbac/)."
  }

  # --- helm values: the output is charts/notejam's values file as it is ---
  # tests/terraform/unit.sh copies tests/helm/fixtures/terraform-helm-values.yaml (the file the Helm tests render
  # the chart with) to tests/; both sides are flattened to "dotted.key:kind" (depth 3, deeper objects show up as
  # "object"), so a key renamed, moved, added or dropped here or there fails.
  assert {
    condition = sort(concat(
      [for k1, v1 in output.helm_values : "${k1}:${lookup({ "\"" = "string", "[" = "list", "t" = "bool", "f" = "bool" }, substr(jsonencode(v1), 0, 1), "number")}" if !can(keys(v1))],
      flatten([for k1, v1 in output.helm_values : [for k2, v2 in v1 : "${k1}.${k2}:${lookup({ "\"" = "string", "[" = "list", "t" = "bool", "f" = "bool" }, substr(jsonencode(v2), 0, 1), "number")}" if !can(keys(v2))] if can(keys(v1))]),
      flatten([for k1, v1 in output.helm_values : [for k2, v2 in v1 : [for k3, v3 in v2 : "${k1}.${k2}.${k3}:${lookup({ "\"" = "string", "[" = "list", "t" = "bool", "f" = "bool", "{" = "object" }, substr(jsonencode(v3), 0, 1), "number")}"] if can(keys(v2))] if can(keys(v1))]),
      )) == sort(concat(
      [for k1, v1 in yamldecode(file("tests/terraform-helm-values.yaml")) : "${k1}:${lookup({ "\"" = "string", "[" = "list", "t" = "bool", "f" = "bool" }, substr(jsonencode(v1), 0, 1), "number")}" if !can(keys(v1))],
      flatten([for k1, v1 in yamldecode(file("tests/terraform-helm-values.yaml")) : [for k2, v2 in v1 : "${k1}.${k2}:${lookup({ "\"" = "string", "[" = "list", "t" = "bool", "f" = "bool" }, substr(jsonencode(v2), 0, 1), "number")}" if !can(keys(v2))] if can(keys(v1))]),
      flatten([for k1, v1 in yamldecode(file("tests/terraform-helm-values.yaml")) : [for k2, v2 in v1 : [for k3, v3 in v2 : "${k1}.${k2}.${k3}:${lookup({ "\"" = "string", "[" = "list", "t" = "bool", "f" = "bool", "{" = "object" }, substr(jsonencode(v3), 0, 1), "number")}"] if can(keys(v2))] if can(keys(v1))]),
    ))
    error_message = "helm_values must have exactly the keys (and kinds) of tests/helm/fixtures/terraform-helm-values.yaml, the chart's values; got ${jsonencode(output.helm_values)}"
  }
  assert {
    condition     = can(regex("^arn:aws[a-z-]*:elasticloadbalancing:", output.helm_values.targetGroupBinding.targetGroupArn)) && output.helm_values.shutdown.deregistrationDelaySeconds == 30
    error_message = "The TargetGroupBinding must get the API target group's ARN and its deregistration delay (30 s)."
  }
  assert {
    condition     = length(output.helm_values.networkPolicy.ingressCidrs) == 3 && length(output.helm_values.networkPolicy.database.cidrs) == 3 && output.helm_values.networkPolicy.redis.cidrs == output.helm_values.networkPolicy.database.cidrs
    error_message = "The NetworkPolicy must admit the ALB's 3 public subnets and reach the 3 database subnets (RDS, ElastiCache)."
  }
  assert {
    condition = output.helm_values.secrets.externalSecret.remoteKeys == {
      database       = output.deploy_settings.database.secretArn
      redisAuthToken = "${output.name}/redis-auth-token"
      jwtKeys        = "${output.name}/jwt-keys"
      smtpUrl        = "${output.name}/smtp-url"
      # the database roles' passwords (migration hook: provision-roles.sh)
      dbApiPassword     = "${output.name}/db-api-password"
      dbMigratePassword = "${output.name}/db-migrate-password"
      dbBackupPassword  = "${output.name}/db-backup-password"
      } && output.helm_values.secrets.externalSecret.database == {
      host = output.deploy_settings.database.host, port = output.deploy_settings.database.port, name = output.deploy_settings.database.name
    }
    error_message = "The chart's ExternalSecret must get Terraform's secret names, RDS's secret ARN and RDS's endpoint: ${jsonencode(output.helm_values.secrets)}"
  }
  assert {
    condition = alltrue([for sa in [output.helm_values.backup.serviceAccount.name, output.helm_values.restoreDrill.serviceAccount.name] :
    contains(values(output.settings.eks.pod_identity_associations), "${output.deploy_settings.namespace}/${sa}")]) && output.deploy_settings.namespace == var.app_namespace
    error_message = "The chart's backup and restore-drill ServiceAccounts must be the ones Pod Identity binds in the app namespace."
  }
}
