# Redis on ElastiCache: a replication group with replicas in other AZs, automatic failover and Multi-AZ,
# encrypted at rest (customer key) and in transit (TLS required), AUTH token from Secrets Manager.
# The API's hiredis (Debian 12) speaks no TLS: a stunnel sidecar in the API pod listens on 127.0.0.1:6379 and
# opens the TLS connection to the primary endpoint (see terraform/README.md).

locals {
  port      = 6379
  log_types = ["slow-log", "engine-log"]
  node_azs  = [for i in range(var.num_cache_clusters) : var.azs[i % length(var.azs)]]
  node_ids  = [for i in range(var.num_cache_clusters) : format("%s-%03d", var.name, i + 1)]
  major     = split(".", var.engine_version)[0]
}

resource "aws_elasticache_subnet_group" "this" {
  name       = var.name
  subnet_ids = var.subnet_ids
}

resource "aws_security_group" "this" {
  name        = "${var.name}-redis"
  description = "Redis reachable from the EKS workloads only"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_ingress_rule" "redis" {
  for_each = var.allowed_security_groups

  security_group_id            = aws_security_group.this.id
  referenced_security_group_id = each.value
  ip_protocol                  = "tcp"
  from_port                    = local.port
  to_port                      = local.port
  description                  = "Redis (TLS) from ${each.key}"
}

resource "aws_cloudwatch_log_group" "this" {
  for_each = toset(local.log_types)

  name              = "/aws/elasticache/${var.name}/${each.key}"
  retention_in_days = var.log_retention_days
}

resource "aws_elasticache_replication_group" "this" {
  replication_group_id = var.name
  description          = "Notejam sessions and rate limits (${var.name})"
  engine               = "redis"
  engine_version       = var.engine_version
  parameter_group_name = "default.redis${local.major}"
  node_type            = var.node_type
  port                 = local.port

  num_cache_clusters          = var.num_cache_clusters
  preferred_cache_cluster_azs = local.node_azs
  automatic_failover_enabled  = true
  multi_az_enabled            = true

  subnet_group_name  = aws_elasticache_subnet_group.this.name
  security_group_ids = [aws_security_group.this.id]

  at_rest_encryption_enabled = true
  kms_key_id                 = var.kms_key_arn
  transit_encryption_enabled = true
  transit_encryption_mode    = "required"
  auth_token                 = var.auth_token
  auth_token_update_strategy = "ROTATE"

  snapshot_retention_limit   = var.snapshot_retention_days
  snapshot_window            = "01:00-02:00"
  maintenance_window         = "sun:04:30-sun:05:30"
  auto_minor_version_upgrade = true
  apply_immediately          = false

  dynamic "log_delivery_configuration" {
    for_each = aws_cloudwatch_log_group.this
    content {
      destination      = log_delivery_configuration.value.name
      destination_type = "cloudwatch-logs"
      log_format       = "json"
      log_type         = log_delivery_configuration.key
    }
  }
}
