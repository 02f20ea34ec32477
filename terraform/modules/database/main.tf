# PostgreSQL 15 on RDS: Multi-AZ standby, customer-key encryption, 35 days of point-in-time recovery,
# deletion protection, a logging parameter group, enhanced monitoring and Performance Insights. The master
# password is generated and rotated by RDS itself and lives only in Secrets Manager.

locals {
  db_name     = "notejam"
  log_exports = ["postgresql", "upgrade"]
  restoring   = var.snapshot_identifier != null || var.restore_from_automated_backups_arn != null
  pg_family   = "postgres${split(".", var.engine_version)[0]}"
  db_parameters = {
    log_min_duration_statement  = { value = tostring(var.log_min_duration_ms), apply = "immediate" }
    log_connections             = { value = "1", apply = "immediate" }
    log_disconnections          = { value = "1", apply = "immediate" }
    log_lock_waits              = { value = "1", apply = "immediate" }
    log_temp_files              = { value = "10240", apply = "immediate" }
    log_autovacuum_min_duration = { value = "1000", apply = "immediate" }
    log_statement               = { value = "ddl", apply = "immediate" }
    "rds.force_ssl"             = { value = "1", apply = "immediate" }
    shared_preload_libraries    = { value = "pg_stat_statements", apply = "pending-reboot" }
  }
}

resource "aws_db_subnet_group" "this" {
  name       = var.name
  subnet_ids = var.subnet_ids
}

resource "aws_security_group" "this" {
  name        = "${var.name}-postgres"
  description = "PostgreSQL reachable from the EKS workloads only"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_ingress_rule" "postgres" {
  for_each = var.allowed_security_groups

  security_group_id            = aws_security_group.this.id
  referenced_security_group_id = each.value
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  description                  = "PostgreSQL from ${each.key}"
}

resource "aws_db_parameter_group" "this" {
  name        = "${var.name}-${local.pg_family}"
  family      = local.pg_family
  description = "Notejam PostgreSQL: statement, connection, lock and autovacuum logging; TLS only"

  dynamic "parameter" {
    for_each = local.db_parameters
    content {
      name         = parameter.key
      value        = parameter.value.value
      apply_method = parameter.value.apply
    }
  }

  lifecycle {
    create_before_destroy = true
  }
}

# Created here so they get a retention; RDS would otherwise create them with none.
resource "aws_cloudwatch_log_group" "this" {
  for_each = toset(local.log_exports)

  name              = "/aws/rds/instance/${var.name}/${each.key}"
  retention_in_days = var.log_retention_days
}

resource "aws_iam_role" "monitoring" {
  count = var.monitoring_interval > 0 ? 1 : 0

  name = "${var.name}-rds-monitoring"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "monitoring.rds.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

data "aws_partition" "current" {}

resource "aws_iam_role_policy_attachment" "monitoring" {
  count = var.monitoring_interval > 0 ? 1 : 0

  role       = aws_iam_role.monitoring[0].name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"
}

resource "aws_db_instance" "this" {
  identifier          = var.name
  engine              = "postgres"
  engine_version      = var.engine_version
  instance_class      = var.instance_class
  snapshot_identifier = var.snapshot_identifier
  db_name             = local.restoring ? null : local.db_name
  username            = local.restoring ? null : "notejam"

  manage_master_user_password   = true
  master_user_secret_kms_key_id = var.kms_key_arn

  allocated_storage     = var.allocated_storage
  max_allocated_storage = var.max_allocated_storage
  storage_type          = "gp3"
  storage_encrypted     = true
  kms_key_id            = var.kms_key_arn

  multi_az               = var.multi_az
  db_subnet_group_name   = aws_db_subnet_group.this.name
  vpc_security_group_ids = [aws_security_group.this.id]
  publicly_accessible    = false
  parameter_group_name   = aws_db_parameter_group.this.name
  ca_cert_identifier     = "rds-ca-rsa2048-g1"

  iam_database_authentication_enabled = true

  backup_retention_period   = var.backup_retention_days
  backup_window             = "02:00-02:45"
  maintenance_window        = "sun:03:30-sun:04:30"
  copy_tags_to_snapshot     = true
  delete_automated_backups  = false
  deletion_protection       = var.deletion_protection
  skip_final_snapshot       = !var.deletion_protection
  final_snapshot_identifier = var.deletion_protection ? "${var.name}-final" : null

  auto_minor_version_upgrade  = true
  allow_major_version_upgrade = false
  apply_immediately           = false

  enabled_cloudwatch_logs_exports = local.log_exports
  monitoring_interval             = var.monitoring_interval
  monitoring_role_arn             = var.monitoring_interval > 0 ? aws_iam_role.monitoring[0].arn : null

  performance_insights_enabled          = true
  performance_insights_kms_key_id       = var.kms_key_arn
  performance_insights_retention_period = var.performance_insights_retention_days

  dynamic "restore_to_point_in_time" {
    for_each = var.restore_from_automated_backups_arn == null ? [] : [1]
    content {
      source_db_instance_automated_backups_arn = var.restore_from_automated_backups_arn
      use_latest_restorable_time               = true
    }
  }

  depends_on = [aws_cloudwatch_log_group.this]
}

# Point-in-time recovery in the DR region: RDS ships the automated backups and transaction logs there.
resource "aws_db_instance_automated_backups_replication" "dr" {
  count    = var.replicate_backups_to_dr ? 1 : 0
  provider = aws.dr

  source_db_instance_arn = aws_db_instance.this.arn
  kms_key_id             = var.dr_kms_key_arn
  retention_period       = var.backup_retention_days
}
