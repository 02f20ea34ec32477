# AWS Backup for RDS: snapshots independent of RDS's own automated backups, with long-term monthly points,
# copies in the DR region, and vault locks so nobody can delete recovery points before their retention ends.

locals {
  vault_lock = {
    min_retention_days = 7
    max_retention_days = var.monthly_retention_days
    # COMPLIANCE: the lock becomes immutable after this grace period; GOVERNANCE: no grace period is set.
    changeable_for_days = var.lock_mode == "COMPLIANCE" ? 3 : null
  }
  backup_rules = {
    daily   = { schedule = "cron(0 3 * * ? *)", delete_after = var.daily_retention_days }
    monthly = { schedule = "cron(0 4 1 * ? *)", delete_after = var.monthly_retention_days }
  }
}

resource "aws_backup_vault" "primary" {
  count = var.aws_backup_enabled ? 1 : 0

  name          = var.name
  kms_key_arn   = var.kms_key_arn
  force_destroy = var.force_destroy
}

resource "aws_backup_vault" "dr" {
  count    = var.aws_backup_enabled ? 1 : 0
  provider = aws.dr

  name          = "${var.name}-copies"
  kms_key_arn   = var.dr_kms_key_arn
  force_destroy = var.force_destroy
}

resource "aws_backup_vault_lock_configuration" "primary" {
  count = var.aws_backup_enabled ? 1 : 0

  backup_vault_name   = aws_backup_vault.primary[0].name
  min_retention_days  = local.vault_lock.min_retention_days
  max_retention_days  = local.vault_lock.max_retention_days
  changeable_for_days = local.vault_lock.changeable_for_days
}

resource "aws_backup_vault_lock_configuration" "dr" {
  count    = var.aws_backup_enabled ? 1 : 0
  provider = aws.dr

  backup_vault_name   = aws_backup_vault.dr[0].name
  min_retention_days  = local.vault_lock.min_retention_days
  max_retention_days  = local.vault_lock.max_retention_days
  changeable_for_days = local.vault_lock.changeable_for_days
}

resource "aws_backup_plan" "rds" {
  count = var.aws_backup_enabled ? 1 : 0

  name = "${var.name}-rds"

  dynamic "rule" {
    for_each = local.backup_rules
    content {
      rule_name         = rule.key
      target_vault_name = aws_backup_vault.primary[0].name
      schedule          = rule.value.schedule
      start_window      = 60
      completion_window = 360

      lifecycle {
        delete_after = rule.value.delete_after
      }

      copy_action {
        destination_vault_arn = aws_backup_vault.dr[0].arn

        lifecycle {
          delete_after = rule.value.delete_after
        }
      }

      recovery_point_tags = { Rule = rule.key }
    }
  }
}

resource "aws_iam_role" "aws_backup" {
  count = var.aws_backup_enabled ? 1 : 0

  name = "${var.name}-aws-backup"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "backup.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role_policy_attachment" "aws_backup" {
  for_each = var.aws_backup_enabled ? toset(["AWSBackupServiceRolePolicyForBackup", "AWSBackupServiceRolePolicyForRestores"]) : toset([])

  role       = aws_iam_role.aws_backup[0].name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/service-role/${each.key}"
}

resource "aws_backup_selection" "rds" {
  count = var.aws_backup_enabled && length(var.rds_instance_arns) > 0 ? 1 : 0

  name         = "${var.name}-rds"
  plan_id      = aws_backup_plan.rds[0].id
  iam_role_arn = aws_iam_role.aws_backup[0].arn
  resources    = var.rds_instance_arns
}
