output "trail_arn" {
  description = "ARN of the multi-region trail."
  value       = aws_cloudtrail.this.arn
}

output "bucket_name" {
  description = "Bucket of the trail's log files (Object Lock)."
  value       = module.bucket.id
}

output "log_group_name" {
  description = "CloudWatch Logs copy of the trail (Logs Insights, metric filters)."
  value       = aws_cloudwatch_log_group.trail.name
}

output "alarm_names" {
  description = "Security alarms raised from the trail."
  value       = [for a in aws_cloudwatch_metric_alarm.security : a.alarm_name]
}

output "settings" {
  description = "Effective audit settings, read back from the resources."
  value = {
    trail_name            = aws_cloudtrail.this.name
    multi_region          = aws_cloudtrail.this.is_multi_region_trail
    global_service_events = aws_cloudtrail.this.include_global_service_events
    log_file_validation   = aws_cloudtrail.this.enable_log_file_validation
    logging               = aws_cloudtrail.this.enable_logging
    kms_key_arn           = aws_cloudtrail.this.kms_key_id
    key_rotation          = aws_kms_key.trail.enable_key_rotation
    management_events     = one(aws_cloudtrail.this.event_selector[*].include_management_events)
    bucket                = module.bucket.settings
    trail_bucket          = aws_cloudtrail.this.s3_bucket_name
    log_group             = aws_cloudwatch_log_group.trail.name
    log_retention_days    = aws_cloudwatch_log_group.trail.retention_in_days
    trail_to_log_group    = aws_cloudtrail.this.cloud_watch_logs_group_arn == "${aws_cloudwatch_log_group.trail.arn}:*"
    # alarm => { metric its filter feeds, topics it notifies }
    alarms = { for k, a in aws_cloudwatch_metric_alarm.security : k => {
      metric  = "${a.namespace} ${a.metric_name}"
      filter  = "${aws_cloudwatch_log_metric_filter.security[k].metric_transformation[0].namespace} ${aws_cloudwatch_log_metric_filter.security[k].metric_transformation[0].name}"
      source  = aws_cloudwatch_log_metric_filter.security[k].log_group_name
      pattern = aws_cloudwatch_log_metric_filter.security[k].pattern
      actions = tolist(a.alarm_actions)
    } }
    key_policy_sids = [for s in jsondecode(aws_kms_key.trail.policy).Statement : s.Sid]
  }
}
