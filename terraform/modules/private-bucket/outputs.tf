output "id" {
  description = "Bucket name."
  value       = aws_s3_bucket.this.bucket
}

output "arn" {
  description = "Bucket ARN."
  value       = local.arn
}

output "regional_domain_name" {
  description = "Regional domain name (CloudFront S3 origin)."
  value       = aws_s3_bucket.this.bucket_regional_domain_name
}

output "versioning_id" {
  description = "ID of the versioning configuration: depend on it before configuring replication."
  value       = aws_s3_bucket_versioning.this.id
}

output "settings" {
  description = "Effective protection settings of the bucket, read back from the resources."
  value = {
    name          = aws_s3_bucket.this.bucket
    versioning    = aws_s3_bucket_versioning.this.versioning_configuration[0].status
    sse_algorithm = one(aws_s3_bucket_server_side_encryption_configuration.this.rule[*].apply_server_side_encryption_by_default[0].sse_algorithm)
    kms_key_arn   = one(aws_s3_bucket_server_side_encryption_configuration.this.rule[*].apply_server_side_encryption_by_default[0].kms_master_key_id)
    public_access_blocked = alltrue([
      aws_s3_bucket_public_access_block.this.block_public_acls, aws_s3_bucket_public_access_block.this.block_public_policy,
      aws_s3_bucket_public_access_block.this.ignore_public_acls, aws_s3_bucket_public_access_block.this.restrict_public_buckets,
    ])
    object_ownership  = one(aws_s3_bucket_ownership_controls.this.rule[*].object_ownership)
    object_lock       = one([for c in aws_s3_bucket_object_lock_configuration.this : c.rule[0].default_retention[0]])
    lifecycle_rules   = aws_s3_bucket_lifecycle_configuration.this.rule
    policy_statements = jsondecode(aws_s3_bucket_policy.this.policy).Statement
  }
}
