output "bucket_name" {
  description = "Backup bucket (BACKUP_BUCKET of the backup job)."
  value       = module.bucket.id
}

output "bucket_arn" {
  description = "Backup bucket ARN."
  value       = module.bucket.arn
}

output "dr_bucket_name" {
  description = "Replica of the backup bucket in the DR region."
  value       = module.dr_bucket.id
}

output "dr_bucket_arn" {
  description = "ARN of the DR replica bucket."
  value       = module.dr_bucket.arn
}

output "backup_prefix" {
  description = "Key prefix of the backup job (BACKUP_PREFIX)."
  value       = var.backup_prefix
}

output "vault_arn" {
  description = "Primary AWS Backup vault ARN (null when AWS Backup is disabled)."
  value       = one(aws_backup_vault.primary[*].arn)
}

output "dr_vault_arn" {
  description = "DR-region AWS Backup vault ARN (null when AWS Backup is disabled)."
  value       = one(aws_backup_vault.dr[*].arn)
}

output "writer_statements" {
  description = "IAM statements for the backup job: write and read objects under the prefix only, list only the prefix, encrypt with the backup key."
  value = [
    {
      Sid      = "BackupObjects"
      Effect   = "Allow"
      Action   = ["s3:PutObject", "s3:GetObject"]
      Resource = ["${module.bucket.arn}/${var.backup_prefix}*"]
    },
    {
      Sid       = "ListBackupPrefix"
      Effect    = "Allow"
      Action    = ["s3:ListBucket"]
      Resource  = [module.bucket.arn]
      Condition = { StringLike = { "s3:prefix" = ["${var.backup_prefix}*"] } }
    },
    {
      Sid      = "EncryptBackups"
      Effect   = "Allow"
      Action   = ["kms:GenerateDataKey", "kms:Encrypt", "kms:Decrypt"]
      Resource = [var.kms_key_arn]
    },
  ]
}

output "reader_statements" {
  description = "IAM statements for the restore drill: read-only access to the prefix in the primary and the DR bucket."
  value = [
    {
      Sid      = "ReadBackupObjects"
      Effect   = "Allow"
      Action   = ["s3:GetObject"]
      Resource = ["${module.bucket.arn}/${var.backup_prefix}*", "${module.dr_bucket.arn}/${var.backup_prefix}*"]
    },
    {
      Sid       = "ListBackupPrefix"
      Effect    = "Allow"
      Action    = ["s3:ListBucket"]
      Resource  = [module.bucket.arn, module.dr_bucket.arn]
      Condition = { StringLike = { "s3:prefix" = ["${var.backup_prefix}*"] } }
    },
    {
      Sid      = "DecryptBackups"
      Effect   = "Allow"
      Action   = ["kms:Decrypt"]
      Resource = [var.kms_key_arn, var.dr_kms_key_arn]
    },
  ]
}

output "settings" {
  description = "Effective retention, locking, encryption and replication settings, read back from the resources."
  value = {
    bucket    = module.bucket.settings
    dr_bucket = module.dr_bucket.settings
    replication = {
      for r in aws_s3_bucket_replication_configuration.dr.rule : r.id => {
        status              = r.status
        destination_bucket  = r.destination[0].bucket
        replica_kms_key_arn = r.destination[0].encryption_configuration[0].replica_kms_key_id
        delete_markers      = r.delete_marker_replication[0].status
        kms_objects         = try(r.source_selection_criteria[0].sse_kms_encrypted_objects[0].status, null)
      }
    }
    dr_bucket_region = data.aws_region.dr.name
    plan_rules = {
      for r in flatten(aws_backup_plan.rds[*].rule) : r.rule_name => {
        schedule          = r.schedule
        vault             = r.target_vault_name
        delete_after_days = r.lifecycle[0].delete_after
        copies = [for c in r.copy_action : {
          vault_arn         = c.destination_vault_arn
          delete_after_days = c.lifecycle[0].delete_after
        }]
      }
    }
    vault_kms_key_arns = { primary = one(aws_backup_vault.primary[*].kms_key_arn), dr = one(aws_backup_vault.dr[*].kms_key_arn) }
    vault_locks = {
      for k, l in { primary = aws_backup_vault_lock_configuration.primary, dr = aws_backup_vault_lock_configuration.dr } : k => one([for c in l : {
        min_retention_days  = c.min_retention_days
        max_retention_days  = c.max_retention_days
        changeable_for_days = c.changeable_for_days
      }])
    }
    protected_resources = flatten([for s in aws_backup_selection.rds : tolist(s.resources)])
  }
}
