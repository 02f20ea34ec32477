# GuardDuty in the environment's region, with EKS protection (audit-log analysis and the runtime agent that sees
# a pod start a miner or a reverse shell), and its high-severity findings routed to people: EventBridge keeps
# every such finding in a log group, a metric filter counts them, an alarm notifies the environment's alarm topic.

data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}
data "aws_region" "current" {}

resource "aws_guardduty_detector" "this" {
  count = var.manage_detector ? 1 : 0

  enable                       = true
  finding_publishing_frequency = "FIFTEEN_MINUTES"
}

locals {
  # feature => additional configurations turned on with it
  features = {
    EKS_AUDIT_LOGS         = []
    RUNTIME_MONITORING     = ["EKS_ADDON_MANAGEMENT"]
    S3_DATA_EVENTS         = []
    EBS_MALWARE_PROTECTION = []
  }
}

resource "aws_guardduty_detector_feature" "this" {
  for_each = var.manage_detector ? local.features : {}

  detector_id = aws_guardduty_detector.this[0].id
  name        = each.key
  status      = "ENABLED"

  dynamic "additional_configuration" {
    for_each = each.value
    content {
      name   = additional_configuration.value
      status = "ENABLED"
    }
  }
}

resource "aws_cloudwatch_log_group" "findings" {
  # EventBridge writes only to log groups under /aws/events/.
  name              = "/aws/events/${var.name}/guardduty-findings"
  retention_in_days = var.log_retention_days
}

resource "aws_cloudwatch_event_rule" "high_severity" {
  name        = "${var.name}-guardduty-high"
  description = "GuardDuty findings of severity ${var.min_severity} or more"
  event_pattern = jsonencode({
    source        = ["aws.guardduty"]
    "detail-type" = ["GuardDuty Finding"]
    detail        = { severity = [{ numeric = [">=", var.min_severity] }] }
  })
}

resource "aws_cloudwatch_event_target" "findings_log" {
  rule = aws_cloudwatch_event_rule.high_severity.name
  arn  = aws_cloudwatch_log_group.findings.arn
}

# EventBridge may write into this log group only (a log resource policy is per account and region).
resource "aws_cloudwatch_log_resource_policy" "events_to_findings" {
  policy_name = "${var.name}-guardduty-findings"
  policy_document = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = ["events.amazonaws.com", "delivery.logs.amazonaws.com"] }
      Action    = ["logs:CreateLogStream", "logs:PutLogEvents"]
      Resource  = "${aws_cloudwatch_log_group.findings.arn}:*"
      Condition = { ArnEquals = { "aws:SourceArn" = aws_cloudwatch_event_rule.high_severity.arn } }
    }]
  })
}

resource "aws_cloudwatch_log_metric_filter" "high_severity" {
  name           = "${var.name}-guardduty-high"
  log_group_name = aws_cloudwatch_log_group.findings.name
  pattern        = "{ $.detail.severity >= ${var.min_severity} }"

  metric_transformation {
    name      = "guardduty-high-severity"
    namespace = "${var.name}/security"
    value     = "1"
  }
}

resource "aws_cloudwatch_metric_alarm" "high_severity" {
  alarm_name          = "${var.name}-guardduty-high-severity"
  alarm_description   = "GuardDuty reported a finding of severity ${var.min_severity}+ in ${data.aws_region.current.name}: see docs/security-operations.md"
  namespace           = aws_cloudwatch_log_metric_filter.high_severity.metric_transformation[0].namespace
  metric_name         = aws_cloudwatch_log_metric_filter.high_severity.metric_transformation[0].name
  statistic           = "Sum"
  comparison_operator = "GreaterThanOrEqualToThreshold"
  threshold           = 1
  period              = 300
  evaluation_periods  = 1
  treat_missing_data  = "notBreaching"
  alarm_actions       = [var.alarm_topic_arn]
}
