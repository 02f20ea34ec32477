# Metrics without a Prometheus to run: an Amazon Managed Service for Prometheus workspace, an AWS managed collector
# (agentless scraper) that scrapes the API pods and the Pushgateway inside the cluster, the project's rules file
# as a rule-groups namespace, and an alert-manager definition that routes every alert to the SNS topic the
# CloudWatch alarms use (e-mail subscribers: the on-call channel).

resource "aws_prometheus_workspace" "this" {
  alias = var.name
}

# The very file promtool tests (charts/notejam/files/prometheus-rules.yaml; ops/monitoring/rules-tests).
resource "aws_prometheus_rule_group_namespace" "notejam" {
  name         = "notejam"
  workspace_id = aws_prometheus_workspace.this.id
  data         = var.rules_yaml
}

locals {
  # Alerts of jobs an environment does not run (dev has no backups) go nowhere instead of paging every day.
  silenced = length(var.silenced_alerts) == 0 ? [] : [{
    receiver = "silenced"
    match_re = { alertname = join("|", var.silenced_alerts) }
  }]
  alertmanager_config = {
    route = {
      receiver        = "sns"
      group_by        = ["alertname", "namespace"]
      group_wait      = "30s"
      group_interval  = "5m"
      repeat_interval = "4h"
      routes          = local.silenced
    }
    receivers = concat([{
      name = "sns"
      sns_configs = [{
        topic_arn     = var.alarm_topic_arn
        sigv4         = { region = var.region }
        send_resolved = true
        subject       = "[${var.name}] {{ .CommonLabels.alertname }} ({{ .Status }})"
      }]
    }], length(local.silenced) == 0 ? [] : [{ name = "silenced" }])
  }
}

resource "aws_prometheus_alert_manager_definition" "this" {
  workspace_id = aws_prometheus_workspace.this.id
  definition   = yamlencode({ alertmanager_config = yamlencode(local.alertmanager_config) })
}

resource "aws_prometheus_scraper" "this" {
  alias = var.name

  source {
    eks {
      cluster_arn        = var.cluster_arn
      subnet_ids         = var.subnet_ids
      security_group_ids = var.security_group_ids
    }
  }

  destination {
    amp {
      workspace_arn = aws_prometheus_workspace.this.arn
    }
  }

  scrape_configuration = templatefile("${path.module}/scrape.yaml.tftpl", {
    interval         = var.scrape_interval
    app_namespace    = var.app_namespace
    api_job          = "notejam-api"
    pushgateway_job  = "pushgateway"
    api_component    = "api"
    api_port_name    = "metrics" # the only port serving /metrics (NOTEJAM_METRICS_LISTEN; tests/helm/platform-closure.test.mjs)
    pushgateway_port = var.pushgateway.port
    pushgateway_ns   = var.pushgateway.namespace
    pushgateway_svc  = var.pushgateway.service
  })
}

# The collector reaches the cluster's API as the user aps-collector-user; ci/platform/manifests/amp-collector-binding.yaml
# binds that user to the read-only ClusterRole aps-collector-role.
resource "aws_eks_access_entry" "collector" {
  cluster_name  = var.cluster_name
  principal_arn = aws_prometheus_scraper.this.role_arn
  user_name     = "aps-collector-user"
}
