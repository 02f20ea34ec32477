variable "name" {
  description = "Name prefix, e.g. notejam-prod (workspace and scraper alias)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{2,30}$", var.name))
    error_message = "name must be 3-31 lower-case letters, digits or dashes, starting with a letter."
  }
}

variable "region" {
  description = "Region of the SNS topic (the alert manager signs its requests for it)."
  type        = string
}

variable "rules_yaml" {
  description = "Prometheus rules file (groups:) loaded as the rule-groups namespace notejam."
  type        = string

  validation {
    condition     = can(yamldecode(var.rules_yaml).groups[0].rules)
    error_message = "rules_yaml must be a Prometheus rules file with at least one group."
  }
}

variable "alarm_topic_arn" {
  description = "SNS topic every alert is sent to (its policy must let aps.amazonaws.com publish)."
  type        = string
}

variable "silenced_alerts" {
  description = "Alert names routed to a receiver without notifications (alerts of jobs this environment does not run)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for a in var.silenced_alerts : can(regex("^[A-Za-z][A-Za-z0-9_]*$", a))])
    error_message = "silenced_alerts must be alert names."
  }
}

variable "cluster_name" {
  description = "EKS cluster the collector scrapes (its access entry)."
  type        = string
}

variable "cluster_arn" {
  description = "EKS cluster the collector scrapes (private endpoint access must be on)."
  type        = string
}

variable "subnet_ids" {
  description = "Subnets of the collector's network interfaces (the cluster's, at least two zones)."
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) >= 2
    error_message = "The collector needs subnets in at least two availability zones."
  }
}

variable "security_group_ids" {
  description = "Security groups of the collector's network interfaces (the cluster security group: it reaches the pods)."
  type        = list(string)
}

variable "app_namespace" {
  description = "Namespace of the API pods."
  type        = string
}

variable "pushgateway" {
  description = "The in-cluster Pushgateway (installed by ci/platform) the backup jobs push to."
  type = object({
    namespace = string
    service   = string
    port      = number
  })
}

variable "scrape_interval" {
  description = "Scrape interval of the collector."
  type        = string
  default     = "30s"
}
