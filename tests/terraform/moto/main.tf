# Applies the real network and backup modules against moto_server (AWS emulated on 127.0.0.1).

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.100.0, < 6.0.0"
    }
  }
}

# The endpoint comes from AWS_ENDPOINT_URL (moto.sh), the dummy credentials from AWS_ACCESS_KEY_ID/SECRET.
provider "aws" {
  region                      = "eu-central-1"
  s3_use_path_style           = true
  skip_credentials_validation = true
  skip_metadata_api_check     = true
  skip_requesting_account_id  = true
}

provider "aws" {
  alias                       = "dr"
  region                      = "eu-west-1"
  s3_use_path_style           = true
  skip_credentials_validation = true
  skip_metadata_api_check     = true
  skip_requesting_account_id  = true
}

module "network" {
  source = "../../../terraform/modules/network"

  name                    = "notejam-moto"
  cluster_name            = "notejam-moto"
  single_nat_gateway      = false
  flow_log_retention_days = 7
}

# moto never reports multi-Region replica keys as ready, so plain regional keys stand in for the secrets module's.
resource "aws_kms_key" "backup" {
  description             = "notejam-moto backup"
  deletion_window_in_days = 7
}

resource "aws_kms_key" "backup_dr" {
  provider = aws.dr

  description             = "notejam-moto backup (DR)"
  deletion_window_in_days = 7
}

module "backup" {
  source    = "../../../terraform/modules/backup"
  providers = { aws = aws, aws.dr = aws.dr }

  name           = "notejam-moto"
  kms_key_arn    = aws_kms_key.backup.arn
  dr_kms_key_arn = aws_kms_key.backup_dr.arn
  lock_mode      = "GOVERNANCE"
  force_destroy  = true
  # moto lacks the AWS Backup managed policies; the plan, vaults and locks are covered by the mocked tests.
  aws_backup_enabled = false
}

output "vpc_id" {
  value = module.network.vpc_id
}

output "nat_gateway_ids" {
  value = module.network.nat_gateway_ids
}

output "bucket" {
  value = module.backup.bucket_name
}

output "dr_bucket" {
  value = module.backup.dr_bucket_name
}

# The audit module: its locked bucket, key, log group, metric filters and alarms (on a topic standing in for the
# observability module's). The trail itself is left out by moto.sh's -target list: moto cannot start logging on a
# trail addressed by ARN, which is how the provider calls StartLogging; the mocked tests cover the trail.
resource "aws_sns_topic" "alarms" {
  name = "notejam-moto-alarms"
}

module "audit" {
  source = "../../../terraform/modules/audit"

  name               = "notejam-moto"
  lock_mode          = "GOVERNANCE"
  log_retention_days = 7
  alarm_topic_arn    = aws_sns_topic.alarms.arn
  force_destroy      = true
}

output "audit_bucket" {
  value = module.audit.bucket_name
}

output "trail_log_group" {
  value = module.audit.log_group_name
}

output "alarm_topic" {
  value = aws_sns_topic.alarms.arn
}
