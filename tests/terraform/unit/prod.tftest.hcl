# prod: what production adds on top of the common promises (terraform/environments/prod/terraform.tfvars).

run "prod_shape" {
  # Datacenter failure: every AZ keeps its own way out and the database has a standby elsewhere.
  assert {
    condition     = output.settings.network.nat_gateway_azs == sort(output.settings.network.azs)
    error_message = "prod needs one NAT gateway per AZ."
  }
  assert {
    condition     = alltrue([for az, nat_az in output.settings.network.private_route_nat_az : az == nat_az])
    error_message = "Each private subnet must leave through the NAT gateway of its own AZ."
  }
  assert {
    condition     = output.settings.database.multi_az && output.settings.database.deletion_protection && !output.settings.database.skip_final_snapshot
    error_message = "prod's database must be Multi-AZ, deletion-protected, and snapshot on deletion."
  }
  assert {
    condition     = output.settings.database.backups_replicated_to_dr && startswith(output.settings.database.dr_backup_kms_key_arn, "arn:aws:kms:")
    error_message = "prod's automated backups (point-in-time recovery) must be replicated to the DR region, encrypted."
  }
  assert {
    condition     = output.settings.cache.num_cache_clusters == 3 && length(distinct(output.settings.cache.node_azs)) == 3
    error_message = "prod's Redis must have a node in each of the 3 AZs."
  }
  assert {
    condition     = length(output.settings.eks.node_groups) == 3 && alltrue([for g in output.settings.eks.node_groups : g.min_size >= 1 && g.max_size >= 4])
    error_message = "prod keeps at least one node in each AZ's node group and can grow each zone to 4 (12 in all)."
  }

  # Three years, for real: nobody can shorten the retention.
  assert {
    condition = alltrue([for b in [output.settings.backup.bucket, output.settings.backup.dr_bucket] :
    b.object_lock.mode == "COMPLIANCE" && b.object_lock.days == 1095])
    error_message = "prod backups must be locked in COMPLIANCE mode for 1095 days in both regions."
  }
  assert {
    condition     = alltrue([for l in output.settings.backup.vault_locks : l.changeable_for_days == 3])
    error_message = "prod vault locks must become immutable (compliance mode) after the grace period."
  }

  # Edge and access.
  assert {
    condition = (tolist(output.settings.web.aliases) == tolist(["notejam.example.com"]) && output.settings.web.viewer_min_tls == "TLSv1.2_2021"
    && output.settings.web.alb_listener == "HTTPS:443" && output.settings.web.origins["api"].protocol_policy == "https-only")
    error_message = "prod serves its domain with TLS 1.2+ and reaches the ALB over HTTPS only."
  }
  assert {
    condition     = !output.settings.eks.endpoint_public_access
    error_message = "prod's Kubernetes API endpoint must be private."
  }
  assert {
    condition = (toset(output.settings.ci_access.trust_conditions.deploy.StringLike["gitlab.com:sub"]) == toset([
      "project_path:notejam/notejam:ref_type:branch:ref:main", "project_path:notejam/notejam:ref_type:tag:ref:v*"])
      && tolist(output.settings.ci_access.trust_conditions.infra.StringLike["gitlab.com:sub"]) == tolist(["project_path:notejam/notejam:ref_type:branch:ref:main"])
      && toset(output.settings.ci_access.trust_conditions.plan.StringLike["gitlab.com:sub"]) == toset([
    "project_path:notejam/notejam:ref_type:branch:ref:main", "project_path:notejam/notejam:ref_type:tag:ref:v*"]))
    error_message = "Only main and release tags may deploy prod or read its plan (protected refs: its state holds generated secrets), only main may apply it."
  }
  assert {
    condition     = output.settings.observability.email_subscribers == 1 && output.settings.eks.container_log_groups["application"].retention_days == 365
    error_message = "prod alarms reach on-call and its logs are kept a year."
  }
}

# With a Route 53 zone, certificates are validated and the site and origin names are created here.
run "prod_with_route53_zone" {
  # A fresh state: the certificates must be created with the validation options below.
  state_key = "route53"

  variables {
    dns = { domain_name = "notejam.example.com", zone_id = "Z0MOCKZONE" }
  }

  override_resource {
    target = module.web.aws_acm_certificate.site
    values = {
      arn                       = "arn:aws:acm:us-east-1:111122223333:certificate/00000000-0000-0000-0000-00000000000a"
      domain_validation_options = [{ domain_name = "notejam.example.com", resource_record_name = "_a.notejam.example.com.", resource_record_type = "CNAME", resource_record_value = "_b.acm-validations.aws." }]
    }
  }
  override_resource {
    target = module.web.aws_acm_certificate.origin
    values = {
      arn                       = "arn:aws:acm:eu-central-1:111122223333:certificate/00000000-0000-0000-0000-00000000000b"
      domain_validation_options = [{ domain_name = "origin.notejam.example.com", resource_record_name = "_c.origin.notejam.example.com.", resource_record_type = "CNAME", resource_record_value = "_d.acm-validations.aws." }]
    }
  }

  assert {
    condition     = tolist(output.settings.web.route53_records) == tolist(["A notejam.example.com", "A origin.notejam.example.com", "AAAA notejam.example.com"])
    error_message = "The site (A/AAAA to CloudFront) and origin (A to the ALB) records must be created: ${jsonencode(output.settings.web.route53_records)}"
  }
}
