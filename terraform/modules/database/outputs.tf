output "instance_arn" {
  description = "ARN of the DB instance (protected by the AWS Backup plan)."
  value       = aws_db_instance.this.arn
}

output "instance_id" {
  description = "DB instance identifier (CloudWatch dimension DBInstanceIdentifier)."
  value       = aws_db_instance.this.identifier
}

output "address" {
  description = "Host name of the DB endpoint (follows the Multi-AZ failover)."
  value       = aws_db_instance.this.address
}

output "port" {
  description = "PostgreSQL port."
  value       = aws_db_instance.this.port
}

output "db_name" {
  description = "Database name."
  value       = local.db_name
}

output "master_user_secret_arn" {
  description = "Secrets Manager secret (managed by RDS) holding the master user name and password."
  value       = one(aws_db_instance.this.master_user_secret[*].secret_arn)
}

output "security_group_id" {
  description = "Security group of the DB instance."
  value       = aws_security_group.this.id
}

output "secret_reader_statements" {
  description = "IAM statements that allow reading the master-user secret (External Secrets Operator builds NOTEJAM_DATABASE_URL from it)."
  value = [
    {
      Sid      = "ReadDatabaseSecret"
      Effect   = "Allow"
      Action   = ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"]
      Resource = [one(aws_db_instance.this.master_user_secret[*].secret_arn)]
    },
    {
      Sid      = "DecryptDatabaseSecret"
      Effect   = "Allow"
      Action   = ["kms:Decrypt"]
      Resource = [var.kms_key_arn]
    },
  ]
}

output "settings" {
  description = "Effective availability, durability and security settings, read back from the resources."
  value = {
    arn                          = aws_db_instance.this.arn
    engine                       = aws_db_instance.this.engine
    engine_version               = aws_db_instance.this.engine_version
    multi_az                     = aws_db_instance.this.multi_az
    storage_encrypted            = aws_db_instance.this.storage_encrypted
    kms_key_arn                  = aws_db_instance.this.kms_key_id
    backup_retention_days        = aws_db_instance.this.backup_retention_period
    deletion_protection          = aws_db_instance.this.deletion_protection
    skip_final_snapshot          = aws_db_instance.this.skip_final_snapshot
    publicly_accessible          = aws_db_instance.this.publicly_accessible
    manage_master_user_password  = aws_db_instance.this.manage_master_user_password
    master_user_secret_kms_key   = aws_db_instance.this.master_user_secret_kms_key_id
    monitoring_interval          = aws_db_instance.this.monitoring_interval
    performance_insights_enabled = aws_db_instance.this.performance_insights_enabled
    performance_insights_kms_key = aws_db_instance.this.performance_insights_kms_key_id
    log_exports                  = sort(tolist(aws_db_instance.this.enabled_cloudwatch_logs_exports))
    log_retention_days           = distinct([for g in aws_cloudwatch_log_group.this : g.retention_in_days])
    parameter_group_family       = aws_db_parameter_group.this.family
    parameters                   = { for p in aws_db_parameter_group.this.parameter : p.name => p.value }
    restored_from                = coalesce(var.snapshot_identifier, var.restore_from_automated_backups_arn, "none")
    backups_replicated_to_dr     = length(aws_db_instance_automated_backups_replication.dr) > 0
    dr_backup_kms_key_arn        = one(aws_db_instance_automated_backups_replication.dr[*].kms_key_id)
  }
}
