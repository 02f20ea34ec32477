# The account's audit trail: a multi-region CloudTrail trail with log-file validation, encrypted with its own KMS
# key, into a bucket nobody can empty before the retention ends (Object Lock), and copied to CloudWatch Logs so
# that metric filters raise alarms (alarms.tf) and Logs Insights answers "who changed what".

data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}
data "aws_region" "current" {}

locals {
  partition   = data.aws_partition.current.partition
  account_id  = data.aws_caller_identity.current.account_id
  region      = data.aws_region.current.name
  trail_name  = "${var.name}-audit"
  trail_arn   = "arn:${local.partition}:cloudtrail:${local.region}:${local.account_id}:trail/${local.trail_name}"
  bucket_name = "${var.name}-audit-${local.account_id}-${local.region}"
  bucket_arn  = "arn:${local.partition}:s3:::${local.bucket_name}"
}

resource "aws_kms_key" "trail" {
  description             = "${var.name}: CloudTrail log files and digests"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "AccountAdmin"
        Effect    = "Allow"
        Principal = { AWS = "arn:${local.partition}:iam::${local.account_id}:root" }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        Sid       = "CloudTrailEncryptsThisTrail"
        Effect    = "Allow"
        Principal = { Service = "cloudtrail.amazonaws.com" }
        Action    = "kms:GenerateDataKey*"
        Resource  = "*"
        Condition = {
          StringEquals = { "aws:SourceArn" = local.trail_arn }
          StringLike   = { "kms:EncryptionContext:aws:cloudtrail:arn" = "arn:${local.partition}:cloudtrail:*:${local.account_id}:trail/*" }
        }
      },
      {
        Sid       = "CloudTrailDescribesKey"
        Effect    = "Allow"
        Principal = { Service = "cloudtrail.amazonaws.com" }
        Action    = "kms:DescribeKey"
        Resource  = "*"
        Condition = { StringEquals = { "aws:SourceArn" = local.trail_arn } }
      },
    ]
  })
}

resource "aws_kms_alias" "trail" {
  name          = "alias/${var.name}-audit"
  target_key_id = aws_kms_key.trail.key_id
}

module "bucket" {
  source = "../private-bucket"

  bucket        = local.bucket_name
  kms_key_arn   = aws_kms_key.trail.arn
  object_lock   = { mode = var.lock_mode, days = var.retention_days }
  force_destroy = var.force_destroy
  lifecycle_rule = {
    transition_days            = var.archive_after_days
    transition_storage_class   = "DEEP_ARCHIVE"
    expiration_days            = var.retention_days
    noncurrent_expiration_days = 1
  }
  # CloudTrail may read the ACL and write log files of this trail under AWSLogs/<account>/ only.
  policy_statements = [
    {
      Sid       = "CloudTrailAclCheck"
      Effect    = "Allow"
      Principal = { Service = "cloudtrail.amazonaws.com" }
      Action    = "s3:GetBucketAcl"
      Resource  = local.bucket_arn
      Condition = { StringEquals = { "aws:SourceArn" = local.trail_arn } }
    },
    {
      Sid       = "CloudTrailWrite"
      Effect    = "Allow"
      Principal = { Service = "cloudtrail.amazonaws.com" }
      Action    = "s3:PutObject"
      Resource  = "${local.bucket_arn}/AWSLogs/${local.account_id}/*"
      Condition = { StringEquals = { "aws:SourceArn" = local.trail_arn, "s3:x-amz-acl" = "bucket-owner-full-control" } }
    },
  ]
}

resource "aws_cloudtrail" "this" {
  name                          = local.trail_name
  s3_bucket_name                = module.bucket.id
  kms_key_id                    = aws_kms_key.trail.arn
  is_multi_region_trail         = true
  include_global_service_events = true
  enable_log_file_validation    = true
  enable_logging                = true
  cloud_watch_logs_group_arn    = "${aws_cloudwatch_log_group.trail.arn}:*"
  cloud_watch_logs_role_arn     = aws_iam_role.trail_to_logs.arn

  # Management events only (read and write): data events (every S3 GET) would cost more than the whole trail.
  event_selector {
    read_write_type           = "All"
    include_management_events = true
  }

  depends_on = [module.bucket, aws_iam_role_policy.trail_to_logs]
}
