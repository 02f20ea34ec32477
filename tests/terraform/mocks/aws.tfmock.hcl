# Shared mock values for mock_provider "aws" (every alias). Only what Terraform cannot invent sensibly:
# lists the code indexes, account/partition values, and generated passwords long enough to pass validation.

mock_data "aws_availability_zones" {
  defaults = {
    names    = ["eu-central-1a", "eu-central-1b", "eu-central-1c"]
    zone_ids = ["euc1-az2", "euc1-az3", "euc1-az1"]
  }
}

mock_data "aws_caller_identity" {
  defaults = {
    account_id = "111122223333"
    arn        = "arn:aws:iam::111122223333:role/terraform"
    user_id    = "AROAMOCK"
  }
}

mock_data "aws_partition" {
  defaults = {
    partition  = "aws"
    dns_suffix = "amazonaws.com"
  }
}

mock_data "aws_vpc_endpoint_service" {
  defaults = {
    service_name = "com.amazonaws.eu-central-1.s3"
  }
}

mock_data "aws_secretsmanager_random_password" {
  defaults = {
    random_password = "MockGeneratedValue0123456789MockGeneratedValue0123456789abcdefgh"
  }
}

mock_resource "aws_eks_cluster" {
  defaults = {
    certificate_authority = [{ data = "bW9jay1jYQ==" }]
    arn                   = "arn:aws:eks:eu-central-1:111122223333:cluster/mock"
  }
}

mock_resource "aws_db_instance" {
  defaults = {
    arn = "arn:aws:rds:eu-central-1:111122223333:db:mock"
    master_user_secret = [{
      secret_arn    = "arn:aws:secretsmanager:eu-central-1:111122223333:secret:rds!db-mock"
      kms_key_id    = "mock-key"
      secret_status = "active"
    }]
  }
}

# ARNs the provider validates when a mocked value is passed on (random strings are not ARNs).
mock_resource "aws_kms_key" {
  defaults = {
    arn = "arn:aws:kms:eu-central-1:111122223333:key/mrk-00000000000000000000000000000001"
  }
}

mock_resource "aws_kms_replica_key" {
  defaults = {
    arn = "arn:aws:kms:eu-west-1:111122223333:key/mrk-00000000000000000000000000000001"
  }
}

mock_resource "aws_iam_role" {
  defaults = {
    arn = "arn:aws:iam::111122223333:role/mock"
  }
}

mock_resource "aws_cloudwatch_log_group" {
  defaults = {
    arn = "arn:aws:logs:eu-central-1:111122223333:log-group:mock"
  }
}

mock_resource "aws_s3_bucket" {
  defaults = {
    arn = "arn:aws:s3:::mock-bucket"
  }
}

mock_resource "aws_backup_vault" {
  defaults = {
    arn = "arn:aws:backup:eu-west-1:111122223333:backup-vault:mock"
  }
}

mock_resource "aws_sns_topic" {
  defaults = {
    arn = "arn:aws:sns:eu-central-1:111122223333:mock"
  }
}

mock_resource "aws_lb" {
  defaults = {
    arn = "arn:aws:elasticloadbalancing:eu-central-1:111122223333:loadbalancer/app/mock/0123456789abcdef"
  }
}

mock_resource "aws_lb_target_group" {
  defaults = {
    arn = "arn:aws:elasticloadbalancing:eu-central-1:111122223333:targetgroup/mock/0123456789abcdef"
  }
}

mock_resource "aws_lb_listener" {
  defaults = {
    arn = "arn:aws:elasticloadbalancing:eu-central-1:111122223333:listener/app/mock/0123456789abcdef/0123456789abcdef"
  }
}

mock_resource "aws_acm_certificate" {
  defaults = {
    arn = "arn:aws:acm:us-east-1:111122223333:certificate/00000000-0000-0000-0000-000000000000"
  }
}

mock_resource "aws_secretsmanager_secret" {
  defaults = {
    arn = "arn:aws:secretsmanager:eu-central-1:111122223333:secret:mock-AbCdEf"
  }
}

mock_resource "aws_ecr_repository" {
  defaults = {
    arn = "arn:aws:ecr:eu-central-1:111122223333:repository/mock"
  }
}

mock_resource "aws_cloudfront_distribution" {
  defaults = {
    arn = "arn:aws:cloudfront::111122223333:distribution/EMOCK"
  }
}

mock_resource "aws_cloudfront_function" {
  defaults = {
    arn = "arn:aws:cloudfront::111122223333:function/mock"
  }
}

mock_resource "aws_iam_openid_connect_provider" {
  defaults = {
    arn = "arn:aws:iam::111122223333:oidc-provider/gitlab.com"
  }
}

mock_resource "aws_backup_plan" {
  defaults = {
    arn = "arn:aws:backup:eu-central-1:111122223333:backup-plan:mock"
  }
}

mock_resource "aws_elasticache_replication_group" {
  defaults = {
    arn = "arn:aws:elasticache:eu-central-1:111122223333:replicationgroup:mock"
  }
}
mock_resource "aws_acm_certificate_validation" {
  defaults = {
    certificate_arn = "arn:aws:acm:us-east-1:111122223333:certificate/00000000-0000-0000-0000-000000000000"
  }
}

mock_resource "aws_launch_template" {
  defaults = {
    id             = "lt-0123456789abcdef0"
    latest_version = 1
  }
}

mock_resource "aws_wafv2_web_acl" {
  defaults = {
    arn = "arn:aws:wafv2:us-east-1:111122223333:global/webacl/mock/00000000-0000-0000-0000-000000000000"
  }
}

mock_resource "aws_cloudwatch_log_delivery_destination" {
  defaults = {
    arn = "arn:aws:logs:us-east-1:111122223333:delivery-destination:mock"
  }
}

mock_resource "aws_cloudwatch_event_rule" {
  defaults = {
    arn = "arn:aws:events:eu-central-1:111122223333:rule/mock"
  }
}

mock_resource "aws_wafv2_ip_set" {
  defaults = {
    arn = "arn:aws:wafv2:us-east-1:111122223333:global/ipset/mock/00000000-0000-0000-0000-000000000000"
  }
}

mock_resource "aws_prometheus_workspace" {
  defaults = {
    arn                 = "arn:aws:aps:eu-central-1:111122223333:workspace/ws-mock"
    prometheus_endpoint = "https://aps-workspaces.eu-central-1.amazonaws.com/workspaces/ws-mock/"
  }
}

mock_resource "aws_prometheus_scraper" {
  defaults = {
    arn      = "arn:aws:aps:eu-central-1:111122223333:scraper/s-mock"
    role_arn = "arn:aws:iam::111122223333:role/aws-service-role/scraper.aps.amazonaws.com/AWSServiceRoleForAmazonPrometheusScraper_mock"
  }
}
