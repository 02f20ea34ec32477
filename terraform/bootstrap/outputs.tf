output "bucket" {
  description = "State bucket name for the environments' backend.hcl."
  value       = module.bucket.id
}

output "kms_key_arn" {
  description = "KMS key encrypting the state objects (bucket default encryption)."
  value       = aws_kms_key.state.arn
}
