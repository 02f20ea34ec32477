terraform {
  # 1.10+: S3 backend locking with a lock file (use_lockfile), no DynamoDB table.
  required_version = ">= 1.10.0, < 2.0.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.100.0, < 6.0.0"
    }
  }

  # Partial configuration: each environment passes its backend.hcl (bucket, key per environment and region,
  # region, use_lockfile) to `terraform init -backend-config=backend.hcl`.
  backend "s3" {}
}
