# dev: the cheap shape of the same code (terraform/environments/dev/terraform.tfvars), plus input validation.

run "dev_shape" {
  assert {
    condition     = length(output.settings.network.nat_gateway_azs) == 1 && length(distinct(values(output.settings.network.private_route_nat_az))) == 1
    error_message = "dev must route every private subnet through its single NAT gateway."
  }
  assert {
    condition     = !output.settings.database.multi_az && !output.settings.database.deletion_protection && output.settings.database.skip_final_snapshot
    error_message = "dev runs a single-AZ database that can be deleted with the environment."
  }
  assert {
    condition     = output.settings.backup.bucket.object_lock.mode == "GOVERNANCE" && output.settings.backup.dr_bucket.object_lock.mode == "GOVERNANCE"
    error_message = "dev backups are locked in GOVERNANCE mode so the environment can be torn down."
  }
  assert {
    condition     = alltrue([for l in output.settings.backup.vault_locks : l.changeable_for_days == null])
    error_message = "dev vault locks must stay in governance mode (no changeable_for_days)."
  }
  assert {
    condition     = length(output.settings.web.aliases) == 0 && output.settings.web.alb_listener == "HTTP:80" && output.settings.web.origins["api"].protocol_policy == "http-only"
    error_message = "dev without a domain serves on the CloudFront name and reaches the ALB on its HTTP listener."
  }
  assert {
    condition     = output.settings.eks.endpoint_public_access
    error_message = "dev exposes the Kubernetes API to the listed CIDRs."
  }
  assert {
    condition     = tolist(output.settings.ci_access.trust_conditions.deploy.StringLike["gitlab.com:sub"]) == tolist(["project_path:notejam/notejam:ref_type:branch:ref:main"])
    error_message = "Only main deploys dev (no job deploys dev from another branch: tests/ci/trust-refs.test.mjs)."
  }
}

# Bad inputs are refused before anything is planned.
run "rejects_dr_region_equal_to_region" {
  command = plan
  variables {
    dr_region = "eu-central-1"
  }
  expect_failures = [var.dr_region]
}

run "rejects_unsupported_log_retention" {
  command = plan
  variables {
    log_retention_days = 42
  }
  expect_failures = [var.log_retention_days]
}

run "rejects_two_restore_sources" {
  command = plan
  variables {
    database = {
      instance_class                     = "db.t4g.micro"
      multi_az                           = false
      deletion_protection                = false
      snapshot_identifier                = "notejam-prod-snapshot"
      restore_from_automated_backups_arn = "arn:aws:rds:eu-central-1:111122223333:auto-backup:ab-mock"
    }
  }
  expect_failures = [var.database]
}
