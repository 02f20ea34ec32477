# One-time bootstrap of the Terraform state bucket: versioned (every state version recoverable), encrypted
# with its own KMS key, public access blocked, TLS only. Locking uses S3 lock files (use_lockfile), no DynamoDB.

provider "aws" {
  region = var.region

  default_tags {
    tags = { Project = "notejam", ManagedBy = "terraform-bootstrap" }
  }
}

resource "aws_kms_key" "state" {
  description             = "Terraform state in ${var.bucket}"
  enable_key_rotation     = true
  deletion_window_in_days = 30
}

resource "aws_kms_alias" "state" {
  name          = "alias/${var.bucket}"
  target_key_id = aws_kms_key.state.key_id
}

module "bucket" {
  source = "../modules/private-bucket"

  bucket         = var.bucket
  kms_key_arn    = aws_kms_key.state.arn
  lifecycle_rule = { noncurrent_expiration_days = 365 }
}
