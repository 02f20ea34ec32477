output "alarm_topic_arn" {
  description = "SNS topic every alarm notifies."
  value       = aws_sns_topic.alarms.arn
}

output "alarm_names" {
  description = "Names of the CloudWatch alarms."
  value       = [for a in aws_cloudwatch_metric_alarm.this : a.alarm_name]
}

output "dashboard_name" {
  description = "CloudWatch dashboard name (null when disabled)."
  value       = one(aws_cloudwatch_dashboard.this[*].dashboard_name)
}

output "settings" {
  description = "Effective alarm and log settings, read back from the resources."
  value = {
    # "namespace metric" => number of alarms on it
    alarmed_metrics   = { for m in distinct([for a in aws_cloudwatch_metric_alarm.this : "${a.namespace} ${a.metric_name}"]) : m => length([for a in aws_cloudwatch_metric_alarm.this : a if "${a.namespace} ${a.metric_name}" == m]) }
    alarms_notify_sns = alltrue([for a in aws_cloudwatch_metric_alarm.this : contains(tolist(a.alarm_actions), aws_sns_topic.alarms.arn)])
    topic_encrypted   = aws_sns_topic.alarms.kms_master_key_id != null
    # Services the topic lets publish (CloudWatch alarms, AMP's alert manager).
    topic_publishers  = sort(flatten([for s in jsondecode(aws_sns_topic_policy.alarms.policy).Statement : try(flatten([s.Principal.Service]), []) if contains(flatten([s.Action]), "sns:Publish")]))
    dashboard         = length(aws_cloudwatch_dashboard.this) > 0
    email_subscribers = length(aws_sns_topic_subscription.email)
  }
}
