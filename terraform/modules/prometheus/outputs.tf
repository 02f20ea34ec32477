output "workspace_arn" {
  description = "AMP workspace ARN."
  value       = aws_prometheus_workspace.this.arn
}

output "workspace_endpoint" {
  description = "AMP workspace endpoint (Grafana data source, queries: <endpoint>api/v1/query)."
  value       = aws_prometheus_workspace.this.prometheus_endpoint
}

output "scraper_role_arn" {
  description = "IAM role the collector uses inside the cluster (mapped to the user aps-collector-user)."
  value       = aws_prometheus_scraper.this.role_arn
}

output "pushgateway_url" {
  description = "URL the backup and restore-drill CronJobs push to (the chart's backup.pushgatewayUrl)."
  value       = "http://${var.pushgateway.service}.${var.pushgateway.namespace}.svc:${var.pushgateway.port}"
}

output "settings" {
  description = "Effective metrics settings, read back from the resources."
  value = {
    rules_namespace     = aws_prometheus_rule_group_namespace.notejam.name
    rules_sha256        = sha256(aws_prometheus_rule_group_namespace.notejam.data)
    alertmanager_config = yamldecode(yamldecode(aws_prometheus_alert_manager_definition.this.definition).alertmanager_config)
    scrape_jobs         = [for j in yamldecode(aws_prometheus_scraper.this.scrape_configuration).scrape_configs : j.job_name]
    scrape_config       = yamldecode(aws_prometheus_scraper.this.scrape_configuration)
    scraper_subnets     = sort(tolist(aws_prometheus_scraper.this.source[0].eks[0].subnet_ids))
    workspace_arn       = aws_prometheus_workspace.this.arn
    collector_user      = aws_eks_access_entry.collector.user_name
    scraper_workspace   = aws_prometheus_scraper.this.destination[0].amp[0].workspace_arn
  }
}
