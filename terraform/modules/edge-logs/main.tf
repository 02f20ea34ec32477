# Edge access logs: the ALB's and CloudFront's, in one log bucket of the environment's region with a lifecycle
# (Standard-IA after 30 days, expired after retention_days). CloudFront delivers through CloudWatch Logs' vended
# delivery (standard logging v2, JSON, chosen fields: never the query string or cookies, which carry reset and
# refresh tokens). athena.tf makes the CloudFront logs queryable.

data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}
data "aws_region" "current" {}
data "aws_elb_service_account" "current" {}

data "aws_region" "global" {
  provider = aws.global
}

locals {
  partition   = data.aws_partition.current.partition
  account_id  = data.aws_caller_identity.current.account_id
  bucket_name = "${var.name}-edge-logs-${local.account_id}-${data.aws_region.current.name}"
  bucket_arn  = "arn:${local.partition}:s3:::${local.bucket_name}"
  alb_prefix  = "alb"
  cf_prefix   = "cloudfront"

  # CloudFront standard logging v2 fields, in this order (athena.tf's columns follow it).
  cloudfront_fields = [
    "date", "time", "c-ip", "cs-method", "cs(Host)", "cs-uri-stem", "sc-status", "time-taken",
    "x-edge-result-type", "x-edge-detailed-result-type", "x-edge-request-id", "x-edge-location", "cs(User-Agent)",
  ]
}

module "bucket" {
  source = "../private-bucket"

  bucket = local.bucket_name
  # SSE-S3: ALB access logs can only be written to SSE-S3 buckets.
  kms_key_arn   = null
  force_destroy = var.force_destroy
  lifecycle_rule = {
    transition_days            = var.retention_days > 60 ? 30 : null
    transition_storage_class   = "STANDARD_IA"
    expiration_days            = var.retention_days
    noncurrent_expiration_days = 1
  }
  policy_statements = [
    {
      # Regions older than August 2022 deliver from the regional ELB account, newer ones from the service principal.
      Sid       = "AlbAccessLogs"
      Effect    = "Allow"
      Principal = { AWS = data.aws_elb_service_account.current.arn }
      Action    = "s3:PutObject"
      Resource  = "${local.bucket_arn}/${local.alb_prefix}/AWSLogs/${local.account_id}/*"
    },
    {
      Sid       = "AlbAccessLogsServicePrincipal"
      Effect    = "Allow"
      Principal = { Service = "logdelivery.elasticloadbalancing.amazonaws.com" }
      Action    = "s3:PutObject"
      Resource  = "${local.bucket_arn}/${local.alb_prefix}/AWSLogs/${local.account_id}/*"
    },
    {
      Sid       = "CloudFrontLogDelivery"
      Effect    = "Allow"
      Principal = { Service = "delivery.logs.amazonaws.com" }
      Action    = "s3:PutObject"
      Resource  = "${local.bucket_arn}/${local.cf_prefix}/*"
      Condition = {
        StringEquals = { "aws:SourceAccount" = local.account_id, "s3:x-amz-acl" = "bucket-owner-full-control" }
        ArnLike      = { "aws:SourceArn" = "arn:${local.partition}:logs:${data.aws_region.global.name}:${local.account_id}:delivery-source:*" }
      }
    },
  ]
}

# CloudFront -> vended log delivery (us-east-1, where the distribution's logs originate) -> the log bucket.
resource "aws_cloudwatch_log_delivery_source" "cloudfront" {
  provider = aws.global

  name         = "${var.name}-cloudfront"
  log_type     = "ACCESS_LOGS"
  resource_arn = var.distribution_arn
}

resource "aws_cloudwatch_log_delivery_destination" "bucket" {
  provider = aws.global

  name          = "${var.name}-edge-logs"
  output_format = "json"

  delivery_destination_configuration {
    destination_resource_arn = "${local.bucket_arn}/${local.cf_prefix}"
  }

  depends_on = [module.bucket]
}

resource "aws_cloudwatch_log_delivery" "cloudfront" {
  provider = aws.global

  delivery_source_name     = aws_cloudwatch_log_delivery_source.cloudfront.name
  delivery_destination_arn = aws_cloudwatch_log_delivery_destination.bucket.arn
  record_fields            = local.cloudfront_fields

  s3_delivery_configuration {
    # One folder per distribution and hour: athena.tf projects the hour as the partition.
    suffix_path                 = "{DistributionId}/{yyyy}/{MM}/{dd}/{HH}"
    enable_hive_compatible_path = false
  }
}
