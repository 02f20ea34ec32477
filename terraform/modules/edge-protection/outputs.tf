output "web_acl_arn" {
  description = "Web ACL to attach to the CloudFront distribution."
  value       = aws_wafv2_web_acl.this.arn
}

output "blocked_ip_set" {
  description = "IP set operators add addresses to (name and id for aws wafv2 update-ip-set)."
  value       = { name = aws_wafv2_ip_set.blocked.name, id = aws_wafv2_ip_set.blocked.id }
}

output "log_group_name" {
  description = "Log group (us-east-1) of the requests the WAF blocked or counted."
  value       = aws_cloudwatch_log_group.waf.name
}

output "settings" {
  description = "Effective WAF settings, read back from the web ACL."
  value = {
    scope          = aws_wafv2_web_acl.this.scope
    default_action = length(aws_wafv2_web_acl.this.default_action[0].allow) == 1 ? "allow" : "block"
    # rule name => managed group and the rules it only counts
    managed_groups = { for r in aws_wafv2_web_acl.this.rule : r.name => {
      group     = r.statement[0].managed_rule_group_statement[0].name
      priority  = r.priority
      count_not = sort([for o in r.statement[0].managed_rule_group_statement[0].rule_action_override : o.name])
    } if length(r.statement[0].managed_rule_group_statement) > 0 }
    auth_rate = one([for r in aws_wafv2_web_acl.this.rule : {
      limit         = r.statement[0].rate_based_statement[0].limit
      window_sec    = r.statement[0].rate_based_statement[0].evaluation_window_sec
      aggregate_key = r.statement[0].rate_based_statement[0].aggregate_key_type
      path_regex    = r.statement[0].rate_based_statement[0].scope_down_statement[0].regex_match_statement[0].regex_string
      status        = r.action[0].block[0].custom_response[0].response_code
      retry_after   = one([for h in r.action[0].block[0].custom_response[0].response_header : h.value if lower(h.name) == "retry-after"])
    } if length(r.statement[0].rate_based_statement) > 0])
    blocked_ip_set     = one([for r in aws_wafv2_web_acl.this.rule : r.statement[0].ip_set_reference_statement[0].arn if length(r.statement[0].ip_set_reference_statement) > 0]) == aws_wafv2_ip_set.blocked.arn
    api_rate_limit     = var.api_rate_limit
    metrics_enabled    = alltrue(concat([aws_wafv2_web_acl.this.visibility_config[0].cloudwatch_metrics_enabled], [for r in aws_wafv2_web_acl.this.rule : r.visibility_config[0].cloudwatch_metrics_enabled]))
    log_destination    = tolist(aws_wafv2_web_acl_logging_configuration.this.log_destination_configs) == tolist([aws_cloudwatch_log_group.waf.arn])
    redacted_headers   = sort([for f in aws_wafv2_web_acl_logging_configuration.this.redacted_fields : f.single_header[0].name])
    log_retention_days = aws_cloudwatch_log_group.waf.retention_in_days
  }
}
