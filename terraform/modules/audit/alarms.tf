# The trail's copy in CloudWatch Logs, and the metric filters that turn the events people must hear about into
# alarms on the environment's alarm topic (the same SNS topic as every other alert).

resource "aws_cloudwatch_log_group" "trail" {
  name              = "/${var.name}/cloudtrail"
  retention_in_days = var.log_retention_days
}

resource "aws_iam_role" "trail_to_logs" {
  name = "${var.name}-cloudtrail-logs"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "cloudtrail.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = { StringEquals = { "aws:SourceArn" = local.trail_arn } }
    }]
  })
}

resource "aws_iam_role_policy" "trail_to_logs" {
  name = "write-trail-log-group"
  role = aws_iam_role.trail_to_logs.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
      Resource = "${aws_cloudwatch_log_group.trail.arn}:log-stream:*"
    }]
  })
}

locals {
  iam_policy_events = [
    "CreatePolicy", "DeletePolicy", "CreatePolicyVersion", "DeletePolicyVersion", "SetDefaultPolicyVersion",
    "PutRolePolicy", "DeleteRolePolicy", "AttachRolePolicy", "DetachRolePolicy",
    "PutUserPolicy", "DeleteUserPolicy", "AttachUserPolicy", "DetachUserPolicy",
    "PutGroupPolicy", "DeleteGroupPolicy", "AttachGroupPolicy", "DetachGroupPolicy",
  ]
  trail_events = ["StopLogging", "DeleteTrail", "UpdateTrail", "PutEventSelectors"]

  # alarm => CloudWatch Logs filter pattern over the CloudTrail JSON events
  security_filters = {
    "root-account-use"   = "{ $.userIdentity.type = \"Root\" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != \"AwsServiceEvent\" }"
    "iam-policy-changed" = "{ ($.eventSource = \"iam.amazonaws.com\") && (${join(" || ", [for e in local.iam_policy_events : "($.eventName = \"${e}\")"])}) }"
    "cloudtrail-stopped" = "{ ($.eventSource = \"cloudtrail.amazonaws.com\") && (${join(" || ", [for e in local.trail_events : "($.eventName = \"${e}\")"])}) }"
    "audit-key-disabled" = "{ ($.eventSource = \"kms.amazonaws.com\") && (($.eventName = \"DisableKey\") || ($.eventName = \"ScheduleKeyDeletion\")) && ($.requestParameters.keyId = \"${aws_kms_key.trail.key_id}\" || $.requestParameters.keyId = \"${aws_kms_key.trail.arn}\") }"
  }
  metric_namespace = "${var.name}/security"
}

resource "aws_cloudwatch_log_metric_filter" "security" {
  for_each = local.security_filters

  name           = "${var.name}-${each.key}"
  log_group_name = aws_cloudwatch_log_group.trail.name
  pattern        = each.value

  metric_transformation {
    name      = each.key
    namespace = local.metric_namespace
    value     = "1"
  }
}

resource "aws_cloudwatch_metric_alarm" "security" {
  for_each = local.security_filters

  alarm_name          = "${var.name}-${each.key}"
  alarm_description   = "CloudTrail recorded ${each.key} in ${var.name}'s account: see docs/security-operations.md"
  namespace           = local.metric_namespace
  metric_name         = aws_cloudwatch_log_metric_filter.security[each.key].metric_transformation[0].name
  statistic           = "Sum"
  comparison_operator = "GreaterThanOrEqualToThreshold"
  threshold           = 1
  period              = 300
  evaluation_periods  = 1
  treat_missing_data  = "notBreaching"
  alarm_actions       = [var.alarm_topic_arn]
}
