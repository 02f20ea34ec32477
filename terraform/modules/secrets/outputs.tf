output "kms_key_arns" {
  description = "Primary-region KMS key ARNs by purpose."
  value       = { for k, key in aws_kms_key.this : k => key.arn }
}

output "dr_kms_key_arns" {
  description = "DR-region replica KMS key ARNs by purpose (only the replicated keys)."
  value       = { for k, key in aws_kms_replica_key.dr : k => key.arn }
}

output "secret_arns" {
  description = "Secret ARNs by key."
  value       = { for k, s in aws_secretsmanager_secret.this : k => s.arn }
}

output "secret_names" {
  description = "Secret names by key (what External Secrets Operator refers to)."
  value       = { for k, s in aws_secretsmanager_secret.this : k => s.name }
}

output "generated_values" {
  description = "First values of the generated secrets, for resources that must be configured with them (e.g. the Redis auth token)."
  value       = { for k, v in aws_secretsmanager_secret_version.generated : k => v.secret_string }
  sensitive   = true
}

output "settings" {
  description = "Effective key and secret settings, read back from the resources."
  value = {
    keys = {
      for k, key in aws_kms_key.this : k => {
        multi_region = key.multi_region
        rotation     = key.enable_key_rotation
        dr_replica   = contains(keys(aws_kms_replica_key.dr), k)
      }
    }
    secrets = {
      for k, s in aws_secretsmanager_secret.this : k => {
        kms_key_arn     = s.kms_key_id
        replica_regions = sort([for r in s.replica : r.region])
        replica_kms     = sort([for r in s.replica : r.kms_key_id])
        generated       = contains(keys(aws_secretsmanager_secret_version.generated), k)
      }
    }
  }
}
