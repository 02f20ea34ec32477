# Alarms on RDS, ElastiCache and the ALB to an encrypted SNS topic, and an optional dashboard of the same metrics.
# The topic is the human channel of the Prometheus alerts too (modules/prometheus: AMP's alert manager publishes
# to it). Container log groups are the eks module's (the log shipper is its add-on).

data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}
data "aws_region" "current" {}

# CloudWatch can only publish to an encrypted topic when the key lets it: hence a key of our own.
resource "aws_kms_key" "alarms" {
  description             = "${var.name}: alarm topic"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "AccountAdmin"
        Effect    = "Allow"
        Principal = { AWS = "arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:root" }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        Sid       = "CloudWatchAndPrometheusPublish"
        Effect    = "Allow"
        Principal = { Service = ["cloudwatch.amazonaws.com", "aps.amazonaws.com"] }
        Action    = ["kms:Decrypt", "kms:GenerateDataKey*"]
        Resource  = "*"
      },
    ]
  })
}

resource "aws_sns_topic" "alarms" {
  name              = "${var.name}-alarms"
  kms_master_key_id = aws_kms_key.alarms.arn
}

# AMP's alert manager publishes to the topic from this account only.
resource "aws_sns_topic_policy" "alarms" {
  arn = aws_sns_topic.alarms.arn
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "AccountOwns"
        Effect    = "Allow"
        Principal = { AWS = "arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:root" }
        Action    = ["sns:Publish", "sns:Subscribe", "sns:GetTopicAttributes", "sns:SetTopicAttributes", "sns:ListSubscriptionsByTopic"]
        Resource  = aws_sns_topic.alarms.arn
      },
      {
        Sid       = "CloudWatchAlarmsPublish"
        Effect    = "Allow"
        Principal = { Service = "cloudwatch.amazonaws.com" }
        Action    = "sns:Publish"
        Resource  = aws_sns_topic.alarms.arn
        Condition = { StringEquals = { "aws:SourceAccount" = data.aws_caller_identity.current.account_id } }
      },
      {
        Sid       = "PrometheusAlertManagerPublishes"
        Effect    = "Allow"
        Principal = { Service = "aps.amazonaws.com" }
        Action    = ["sns:Publish", "sns:GetTopicAttributes"]
        Resource  = aws_sns_topic.alarms.arn
        Condition = { StringEquals = { "aws:SourceAccount" = data.aws_caller_identity.current.account_id } }
      },
    ]
  })
}

resource "aws_sns_topic_subscription" "email" {
  for_each = toset(var.alarm_emails)

  topic_arn = aws_sns_topic.alarms.arn
  protocol  = "email"
  endpoint  = each.value
}

locals {
  t        = var.thresholds
  rds_dims = { DBInstanceIdentifier = var.rds_instance_id }
  alb_dims = { LoadBalancer = var.alb_arn_suffix }
  tg_dims  = { LoadBalancer = var.alb_arn_suffix, TargetGroup = var.target_group_arn_suffix }

  # name => what to watch; op "gt" alarms above the threshold, "lt" below it.
  rds_alarms = {
    "rds-cpu"          = { ns = "AWS/RDS", metric = "CPUUtilization", dims = local.rds_dims, stat = "Average", op = "gt", threshold = local.t.rds_cpu_percent }
    "rds-free-storage" = { ns = "AWS/RDS", metric = "FreeStorageSpace", dims = local.rds_dims, stat = "Minimum", op = "lt", threshold = local.t.rds_free_storage_bytes }
    "rds-free-memory"  = { ns = "AWS/RDS", metric = "FreeableMemory", dims = local.rds_dims, stat = "Minimum", op = "lt", threshold = local.t.rds_free_memory_bytes }
    "rds-connections"  = { ns = "AWS/RDS", metric = "DatabaseConnections", dims = local.rds_dims, stat = "Maximum", op = "gt", threshold = local.t.rds_connections }
  }
  cache_alarms = merge([for id in var.cache_node_ids : {
    "redis-cpu-${id}"             = { ns = "AWS/ElastiCache", metric = "EngineCPUUtilization", dims = { CacheClusterId = id }, stat = "Average", op = "gt", threshold = local.t.cache_cpu_percent }
    "redis-memory-${id}"          = { ns = "AWS/ElastiCache", metric = "DatabaseMemoryUsagePercentage", dims = { CacheClusterId = id }, stat = "Maximum", op = "gt", threshold = local.t.cache_memory_percent }
    "redis-connections-${id}"     = { ns = "AWS/ElastiCache", metric = "CurrConnections", dims = { CacheClusterId = id }, stat = "Maximum", op = "gt", threshold = local.t.cache_connections }
    "redis-replication-lag-${id}" = { ns = "AWS/ElastiCache", metric = "ReplicationLag", dims = { CacheClusterId = id }, stat = "Maximum", op = "gt", threshold = local.t.cache_replication_lag_sec }
  }]...)
  alb_alarms = {
    "alb-elb-5xx"         = { ns = "AWS/ApplicationELB", metric = "HTTPCode_ELB_5XX_Count", dims = local.alb_dims, stat = "Sum", op = "gt", threshold = local.t.alb_5xx_count }
    "alb-target-5xx"      = { ns = "AWS/ApplicationELB", metric = "HTTPCode_Target_5XX_Count", dims = local.tg_dims, stat = "Sum", op = "gt", threshold = local.t.alb_5xx_count }
    "alb-p99-latency"     = { ns = "AWS/ApplicationELB", metric = "TargetResponseTime", dims = local.tg_dims, stat = "p99", op = "gt", threshold = local.t.alb_p99_latency_seconds }
    "alb-unhealthy-hosts" = { ns = "AWS/ApplicationELB", metric = "UnHealthyHostCount", dims = local.tg_dims, stat = "Maximum", op = "gt", threshold = 0 }
  }
  alarms = merge(local.rds_alarms, local.cache_alarms, local.alb_alarms)
}

resource "aws_cloudwatch_metric_alarm" "this" {
  for_each = local.alarms

  alarm_name          = "${var.name}-${each.key}"
  alarm_description   = "${each.value.metric} of ${join(",", values(each.value.dims))} ${each.value.op == "gt" ? "above" : "below"} ${each.value.threshold} for 15 minutes"
  namespace           = each.value.ns
  metric_name         = each.value.metric
  dimensions          = each.value.dims
  statistic           = startswith(each.value.stat, "p") ? null : each.value.stat
  extended_statistic  = startswith(each.value.stat, "p") ? each.value.stat : null
  comparison_operator = each.value.op == "gt" ? "GreaterThanThreshold" : "LessThanThreshold"
  threshold           = each.value.threshold
  period              = 300
  evaluation_periods  = 3
  datapoints_to_alarm = 3
  # No requests / no replica on this node is not a failure.
  treat_missing_data = "notBreaching"
  alarm_actions      = [aws_sns_topic.alarms.arn]
  ok_actions         = [aws_sns_topic.alarms.arn]
}

resource "aws_cloudwatch_dashboard" "this" {
  count = var.create_dashboard ? 1 : 0

  dashboard_name = var.name
  dashboard_body = jsonencode({
    widgets = [for i, name in sort(keys(local.alarms)) : {
      type   = "metric"
      x      = (i % 3) * 8
      y      = floor(i / 3) * 6
      width  = 8
      height = 6
      properties = {
        title   = name
        region  = data.aws_region.current.name
        view    = "timeSeries"
        stat    = local.alarms[name].stat
        period  = 300
        metrics = [concat([local.alarms[name].ns, local.alarms[name].metric], flatten([for k, v in local.alarms[name].dims : [k, v]]))]
        annotations = {
          horizontal = [{ label = "alarm", value = local.alarms[name].threshold }]
        }
      }
    }]
  })
}
