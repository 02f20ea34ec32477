output "replication_group_id" {
  description = "Replication group id."
  value       = aws_elasticache_replication_group.this.id
}

output "primary_endpoint_address" {
  description = "Primary endpoint (follows failover); the TLS sidecar connects here."
  value       = aws_elasticache_replication_group.this.primary_endpoint_address
}

output "reader_endpoint_address" {
  description = "Reader endpoint."
  value       = aws_elasticache_replication_group.this.reader_endpoint_address
}

output "port" {
  description = "Redis port (TLS)."
  value       = local.port
}

output "member_cluster_ids" {
  description = "Node ids (CloudWatch dimension CacheClusterId), known before apply."
  value       = local.node_ids
}

output "security_group_id" {
  description = "Security group of the cache nodes."
  value       = aws_security_group.this.id
}

output "settings" {
  description = "Effective availability and encryption settings, read back from the resource."
  value = {
    engine                     = aws_elasticache_replication_group.this.engine
    num_cache_clusters         = aws_elasticache_replication_group.this.num_cache_clusters
    node_azs                   = aws_elasticache_replication_group.this.preferred_cache_cluster_azs
    automatic_failover_enabled = aws_elasticache_replication_group.this.automatic_failover_enabled
    multi_az_enabled           = aws_elasticache_replication_group.this.multi_az_enabled
    at_rest_encryption_enabled = tostring(aws_elasticache_replication_group.this.at_rest_encryption_enabled)
    kms_key_arn                = aws_elasticache_replication_group.this.kms_key_id
    transit_encryption_enabled = aws_elasticache_replication_group.this.transit_encryption_enabled
    transit_encryption_mode    = aws_elasticache_replication_group.this.transit_encryption_mode
    auth_token_set             = nonsensitive(length(aws_elasticache_replication_group.this.auth_token) >= 16)
    log_types                  = sort([for l in aws_elasticache_replication_group.this.log_delivery_configuration : l.log_type])
    log_retention_days         = distinct([for g in aws_cloudwatch_log_group.this : g.retention_in_days])
  }
}
