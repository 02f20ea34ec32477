# AWS WAF in front of CloudFront (scope CLOUDFRONT: the caller passes its us-east-1 provider). The ALB needs no web
# ACL of its own: its security group admits CloudFront's origin-facing addresses only and its listener forwards
# only requests carrying CloudFront's secret header, so every request has passed this ACL first.
#
# Rules, cheapest first: AWS IP reputation list, the operators' blocked addresses, the per-address limit on the
# API's credential endpoints, AWS common rule set, AWS known bad inputs. Blocked and counted requests are logged
# (credentials redacted) to aws-waf-logs-<name>.

locals {
  # The API's per-client limit (NOTEJAM_RATE_LIMIT per NOTEJAM_RATE_WINDOW seconds, fixed windows, one counter per
  # endpoint) lets one address make at most this many credential requests in any sliding window of the WAF's
  # length: each endpoint's limit in every fixed window the sliding one touches. The WAF blocks only beyond that,
  # so it never answers for a client the API would still serve, and is not looser than the API either.
  api_windows_touched = ceil(var.evaluation_window_sec / var.api_rate_limit.window_seconds) + 1
  auth_limit          = length(var.rate_limited_paths) * var.api_rate_limit.requests * local.api_windows_touched
  auth_path_regex     = "^(${join("|", var.rate_limited_paths)})$"

  # Managed rules that would refuse what the API accepts: count them instead of blocking.
  #   SizeRestrictions_BODY blocks bodies over 8 KB; the API takes notes up to NOTEJAM_MAX_BODY.
  #   CrossSiteScripting_BODY blocks note text containing markup; notes are data the SPA renders as text.
  common_rule_overrides = concat(var.api_max_body_bytes > 8192 ? ["SizeRestrictions_BODY"] : [], ["CrossSiteScripting_BODY"])

  managed_groups = {
    "ip-reputation"    = { priority = 0, group = "AWSManagedRulesAmazonIpReputationList", overrides = [] }
    "common"           = { priority = 20, group = "AWSManagedRulesCommonRuleSet", overrides = local.common_rule_overrides }
    "known-bad-inputs" = { priority = 30, group = "AWSManagedRulesKnownBadInputsRuleSet", overrides = [] }
  }
}

# Addresses an operator blocks during an attack (docs/security-operations.md): filled with `aws wafv2
# update-ip-set`, so Terraform creates the set empty and leaves its addresses alone.
resource "aws_wafv2_ip_set" "blocked" {
  name               = "${var.name}-blocked"
  description        = "Addresses blocked by an operator (aws wafv2 update-ip-set)"
  scope              = "CLOUDFRONT"
  ip_address_version = "IPV4"
  addresses          = []

  lifecycle {
    ignore_changes = [addresses]
  }
}

resource "aws_wafv2_web_acl" "this" {
  name        = "${var.name}-edge"
  description = "${var.name}: CloudFront (SPA and /api/*)"
  scope       = "CLOUDFRONT"

  default_action {
    allow {}
  }

  dynamic "rule" {
    for_each = local.managed_groups
    content {
      name     = rule.key
      priority = rule.value.priority

      override_action {
        none {}
      }

      statement {
        managed_rule_group_statement {
          vendor_name = "AWS"
          name        = rule.value.group

          dynamic "rule_action_override" {
            for_each = rule.value.overrides
            content {
              name = rule_action_override.value
              action_to_use {
                count {}
              }
            }
          }
        }
      }

      visibility_config {
        cloudwatch_metrics_enabled = true
        metric_name                = "${var.name}-${rule.key}"
        sampled_requests_enabled   = true
      }
    }
  }

  rule {
    name     = "blocked-addresses"
    priority = 5

    action {
      block {}
    }

    statement {
      ip_set_reference_statement {
        arn = aws_wafv2_ip_set.blocked.arn
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "${var.name}-blocked-addresses"
      sampled_requests_enabled   = true
    }
  }

  # Keyed on the address that connected to CloudFront (IP, never a forwarded header a client can write): the
  # address CloudFront appends to X-Forwarded-For, which the API reads NOTEJAM_TRUSTED_PROXIES entries from the right.
  rule {
    name     = "auth-per-address"
    priority = 10

    action {
      block {
        custom_response {
          response_code = 429
          response_header {
            name  = "Retry-After"
            value = tostring(var.evaluation_window_sec)
          }
        }
      }
    }

    statement {
      rate_based_statement {
        limit                 = local.auth_limit
        evaluation_window_sec = var.evaluation_window_sec
        aggregate_key_type    = "IP"

        scope_down_statement {
          regex_match_statement {
            regex_string = local.auth_path_regex
            field_to_match {
              uri_path {}
            }
            text_transformation {
              priority = 0
              type     = "NONE"
            }
          }
        }
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "${var.name}-auth-per-address"
      sampled_requests_enabled   = true
    }
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "${var.name}-edge"
    sampled_requests_enabled   = true
  }
}

# WAF log group names must start with aws-waf-logs-; it lives beside the web ACL (us-east-1).
resource "aws_cloudwatch_log_group" "waf" {
  name              = "aws-waf-logs-${var.name}"
  retention_in_days = var.log_retention_days
}

resource "aws_wafv2_web_acl_logging_configuration" "this" {
  resource_arn            = aws_wafv2_web_acl.this.arn
  log_destination_configs = [aws_cloudwatch_log_group.waf.arn]

  # Access and refresh tokens travel in these headers: never into a log.
  dynamic "redacted_fields" {
    for_each = ["authorization", "cookie"]
    content {
      single_header {
        name = redacted_fields.value
      }
    }
  }

  # Only what the WAF refused or counted: allowed traffic is in the CloudFront access logs already.
  logging_filter {
    default_behavior = "DROP"

    filter {
      behavior    = "KEEP"
      requirement = "MEETS_ANY"
      condition {
        action_condition {
          action = "BLOCK"
        }
      }
      condition {
        action_condition {
          action = "COUNT"
        }
      }
    }
  }
}
