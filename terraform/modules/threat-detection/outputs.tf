output "detector_id" {
  description = "GuardDuty detector of the region (null when another environment owns it)."
  value       = one(aws_guardduty_detector.this[*].id)
}

output "alarm_name" {
  description = "Alarm raised by high-severity findings."
  value       = aws_cloudwatch_metric_alarm.high_severity.alarm_name
}

output "findings_log_group" {
  description = "Log group holding every high-severity finding (Logs Insights)."
  value       = aws_cloudwatch_log_group.findings.name
}

output "settings" {
  description = "Effective threat-detection settings, read back from the resources."
  value = {
    detector_enabled = one(aws_guardduty_detector.this[*].enable)
    features = { for k, f in aws_guardduty_detector_feature.this : k => {
      status     = f.status
      additional = { for a in f.additional_configuration : a.name => a.status }
    } }
    rule_pattern  = jsondecode(aws_cloudwatch_event_rule.high_severity.event_pattern)
    rule_target   = aws_cloudwatch_event_target.findings_log.arn == aws_cloudwatch_log_group.findings.arn
    filter_source = aws_cloudwatch_log_metric_filter.high_severity.log_group_name == aws_cloudwatch_log_group.findings.name
    alarm = {
      metric  = "${aws_cloudwatch_metric_alarm.high_severity.namespace} ${aws_cloudwatch_metric_alarm.high_severity.metric_name}"
      actions = tolist(aws_cloudwatch_metric_alarm.high_severity.alarm_actions)
    }
    log_retention_days = aws_cloudwatch_log_group.findings.retention_in_days
  }
}
