# prod-dr: production rebuilt in the DR region (terraform/environments/prod-dr/terraform.tfvars).
# Replication already created the image repositories there; the root imports them (see mock-providers.hcl).

run "standby" {
  assert {
    condition     = var.region == "eu-west-1" && var.dr_region == "eu-central-1" && output.name == "notejam-prod-dr"
    error_message = "prod-dr runs in prod's DR region and replicates back to prod's region."
  }
  assert {
    condition     = output.settings.database.restored_from == "none" && output.settings.backup.vault_kms_key_arns.dr != null
    error_message = "Without a restore source prod-dr starts an empty standby database."
  }
}

run "failover_from_replicated_backups" {
  variables {
    database = {
      instance_class                     = "db.r6g.large"
      multi_az                           = true
      deletion_protection                = true
      restore_from_automated_backups_arn = "arn:aws:rds:eu-west-1:111122223333:auto-backup:ab-prod"
    }
  }

  assert {
    condition     = output.settings.database.restored_from == "arn:aws:rds:eu-west-1:111122223333:auto-backup:ab-prod" && output.settings.database.multi_az
    error_message = "At failover the database is restored from prod's replicated automated backups, Multi-AZ again."
  }
}

run "failover_from_recovery_point" {
  variables {
    database = {
      instance_class      = "db.r6g.large"
      multi_az            = true
      deletion_protection = true
      snapshot_identifier = "arn:aws:rds:eu-west-1:111122223333:snapshot:awsbackup:job-prod-monthly"
    }
  }

  assert {
    condition     = output.settings.database.restored_from == "arn:aws:rds:eu-west-1:111122223333:snapshot:awsbackup:job-prod-monthly" && output.settings.database.storage_encrypted
    error_message = "A recovery point copied to the DR vault can seed the database instead."
  }
}
