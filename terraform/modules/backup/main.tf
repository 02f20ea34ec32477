# Backups kept 3 years: the bucket the backup CronJob writes encrypted dumps to (WORM, lifecycle to Deep Archive,
# expiry at the end of retention), replicated to a twin bucket in the DR region; and AWS Backup for RDS snapshots
# (daily and monthly rules, copied to a vault in the DR region, both vaults locked).

data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}
data "aws_region" "current" {}

data "aws_region" "dr" {
  provider = aws.dr
}

locals {
  account_id = data.aws_caller_identity.current.account_id
  bucket_names = {
    primary = "${var.name}-backup-${local.account_id}-${data.aws_region.current.name}"
    dr      = "${var.name}-backup-${local.account_id}-${data.aws_region.dr.name}"
  }
  bucket_lifecycle = {
    transition_days            = var.archive_after_days
    transition_storage_class   = "DEEP_ARCHIVE"
    expiration_days            = var.retention_days
    noncurrent_expiration_days = var.noncurrent_expiration_days
  }
  object_lock = { mode = var.lock_mode, days = var.retention_days }
}

module "bucket" {
  source = "../private-bucket"

  bucket         = local.bucket_names.primary
  kms_key_arn    = var.kms_key_arn
  object_lock    = local.object_lock
  lifecycle_rule = local.bucket_lifecycle
  force_destroy  = var.force_destroy
}

module "dr_bucket" {
  source    = "../private-bucket"
  providers = { aws = aws.dr }

  bucket         = local.bucket_names.dr
  kms_key_arn    = var.dr_kms_key_arn
  object_lock    = local.object_lock
  lifecycle_rule = local.bucket_lifecycle
  force_destroy  = var.force_destroy
}

# Cross-region replication: every new backup object (and its retention) is copied to the DR bucket.
resource "aws_iam_role" "replication" {
  name = "${var.name}-backup-replication"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "s3.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role_policy" "replication" {
  name = "replicate-backups"
  role = aws_iam_role.replication.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["s3:GetReplicationConfiguration", "s3:ListBucket"]
        Resource = module.bucket.arn
      },
      {
        Effect = "Allow"
        Action = [
          "s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging",
          "s3:GetObjectRetention", "s3:GetObjectLegalHold",
        ]
        Resource = "${module.bucket.arn}/*"
      },
      {
        Effect   = "Allow"
        Action   = ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags", "s3:ObjectOwnerOverrideToBucketOwner"]
        Resource = "${module.dr_bucket.arn}/*"
      },
      {
        Effect   = "Allow"
        Action   = ["kms:Decrypt"]
        Resource = var.kms_key_arn
      },
      {
        Effect   = "Allow"
        Action   = ["kms:Encrypt", "kms:GenerateDataKey"]
        Resource = var.dr_kms_key_arn
      },
    ]
  })
}

resource "aws_s3_bucket_replication_configuration" "dr" {
  bucket = module.bucket.id
  role   = aws_iam_role.replication.arn

  rule {
    id       = "to-dr-region"
    status   = "Enabled"
    priority = 1

    filter {}

    # A delete in the primary region must never hide a backup in the DR region.
    delete_marker_replication {
      status = "Disabled"
    }

    source_selection_criteria {
      sse_kms_encrypted_objects {
        status = "Enabled"
      }
    }

    destination {
      bucket        = module.dr_bucket.arn
      storage_class = "STANDARD"

      encryption_configuration {
        replica_kms_key_id = var.dr_kms_key_arn
      }
    }
  }

  depends_on = [module.bucket.versioning_id, module.dr_bucket.versioning_id]
}
