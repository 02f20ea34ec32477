# The controllers ci/platform installs (ci/platform/releases.json, copied to tests/platform-releases.json by
# unit.sh) against what Terraform gives them: every release's ServiceAccount has a Pod Identity association in
# the namespace it is installed to, its role allows every action the component documents, and platform_values
# has exactly one entry per release (plus the manifests' placeholders).

run "platform" {
  assert {
    condition = alltrue([for r in jsondecode(file("tests/platform-releases.json")).releases :
      contains(values(output.settings.eks.pod_identity_associations), "${r.namespace}/${r.serviceAccount}") &&
    output.settings.eks.pod_identity_associations[r.podIdentity] == "${r.namespace}/${r.serviceAccount}" if r.podIdentity != null])
    error_message = "Every controller ci/platform installs with a podIdentity must be bound by Pod Identity to its namespace/ServiceAccount: ${jsonencode(output.settings.eks.pod_identity_associations)}"
  }
  assert {
    condition = alltrue(flatten([for r in jsondecode(file("tests/platform-releases.json")).releases : [
      for need in r.requiredActions : anytrue([for a in flatten([for s in output.settings.eks.pod_identity_policies[r.podIdentity] : flatten([s.Action]) if s.Effect == "Allow"]) :
      a == need || (endswith(a, "*") && startswith(need, trimsuffix(a, "*")))])
    ] if r.podIdentity != null]))
    error_message = "A controller's Pod Identity role lacks an action its component documents (ci/platform/releases.json requiredActions)."
  }
  assert {
    condition     = sort(keys(output.platform_values)) == sort(concat([for r in jsondecode(file("tests/platform-releases.json")).releases : r.name], ["manifests"]))
    error_message = "platform_values must have one entry per ci/platform release (and manifests): ${jsonencode(keys(output.platform_values))}"
  }
  assert {
    condition     = output.platform_values["aws-load-balancer-controller"].clusterName == output.cluster_name && output.platform_values["cluster-autoscaler"].autoDiscovery.clusterName == output.cluster_name && output.platform_values.manifests.CLUSTER_NAME == output.cluster_name && output.platform_values.manifests.AWS_REGION == var.region
    error_message = "The controllers must be pointed at this environment's cluster and region."
  }

  # --- metrics: AMP scrapes the API and the Pushgateway, evaluates the chart's rules, alerts go to SNS ---
  assert {
    condition     = output.settings.prometheus.rules_sha256 == sha256(file("../../../charts/notejam/files/prometheus-rules.yaml")) && output.settings.prometheus.rules_namespace == "notejam"
    error_message = "AMP's rule-groups namespace must hold exactly charts/notejam/files/prometheus-rules.yaml (the file promtool tests)."
  }
  assert {
    condition     = jsonencode(output.settings.prometheus.scrape_jobs) == jsonencode(["notejam-api", "pushgateway", "kube-state-metrics"]) && output.settings.prometheus.scraper_workspace == output.settings.prometheus.workspace_arn && output.settings.prometheus.scraper_subnets == sort(output.settings.network.private_subnet_ids)
    error_message = "The managed collector must scrape the API (job notejam-api, as the rules expect) the Pushgateway and kube-state-metrics into this environment's workspace, from the private subnets."
  }
  assert {
    condition     = output.helm_values.backup.pushgatewayUrl == "http://${[for j in output.settings.prometheus.scrape_config.scrape_configs : regex("^([^;]+);", j.relabel_configs[0].regex)[0] if j.job_name == "pushgateway"][0]}.${[for j in output.settings.prometheus.scrape_config.scrape_configs : j.kubernetes_sd_configs[0].namespaces.names[0] if j.job_name == "pushgateway"][0]}.svc:${[for j in output.settings.prometheus.scrape_config.scrape_configs : regex(";(.+)$", j.relabel_configs[0].regex)[0] if j.job_name == "pushgateway"][0]}" && [for j in output.settings.prometheus.scrape_config.scrape_configs : j.honor_labels if j.job_name == "pushgateway"][0]
    error_message = "The backup jobs must push to the very Pushgateway service the collector scrapes (honouring their job/env labels): ${output.helm_values.backup.pushgatewayUrl}"
  }
  assert {
    condition     = [for j in output.settings.prometheus.scrape_config.scrape_configs : j.kubernetes_sd_configs[0].namespaces.names if j.job_name == "notejam-api"][0] == [output.deploy_settings.namespace] && contains(output.helm_values.networkPolicy.metricsCidrs, var.vpc_cidr)
    error_message = "The collector must scrape the app namespace, and the API's NetworkPolicy must admit it (metricsCidrs)."
  }
  assert {
    condition     = output.settings.prometheus.collector_user == yamldecode(file("tests/amp-collector-binding.yaml")).subjects[0].name
    error_message = "The collector's access entry must be the user ci/platform/manifests/amp-collector-binding.yaml binds."
  }
  assert {
    condition     = output.settings.prometheus.alertmanager_config.route.receiver == "sns" && [for r in output.settings.prometheus.alertmanager_config.receivers : r.sns_configs[0].topic_arn if r.name == "sns"][0] == output.alarm_topic_arn
    error_message = "Every alert must be routed to the alarm SNS topic (e-mail subscribers) by default."
  }
  assert {
    condition = var.backups_scheduled ? length(output.settings.prometheus.alertmanager_config.route.routes) == 0 : (
      output.settings.prometheus.alertmanager_config.route.routes[0].receiver == "silenced" &&
      length(regexall("NotejamBackupMissing", output.settings.prometheus.alertmanager_config.route.routes[0].match_re.alertname)) == 1
    )
    error_message = "Backup alerts are silenced exactly where no backup CronJob runs (backups_scheduled = false)."
  }
}
