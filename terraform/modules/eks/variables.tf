variable "name" {
  description = "Cluster name, e.g. notejam-prod (also the prefix of its IAM roles)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{2,30}$", var.name))
    error_message = "name must be 3-31 lower-case letters, digits or dashes, starting with a letter."
  }
}

variable "kubernetes_version" {
  description = "Kubernetes minor version of the control plane and the managed node groups."
  type        = string
  default     = "1.32"

  validation {
    condition     = can(regex("^1\\.[0-9]{2}$", var.kubernetes_version))
    error_message = "kubernetes_version must look like 1.32."
  }
}

variable "subnet_ids" {
  description = "Private subnets (one per AZ) for the control-plane ENIs, the nodes and the pods."
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) >= 2
    error_message = "subnet_ids must span at least two availability zones."
  }
}

variable "endpoint_public_access" {
  description = "Expose the Kubernetes API endpoint on the internet (restricted to public_access_cidrs)."
  type        = bool
  default     = false
}

variable "public_access_cidrs" {
  description = "CIDRs allowed to reach the public API endpoint (only used when endpoint_public_access)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for c in var.public_access_cidrs : can(cidrhost(c, 0)) && c != "0.0.0.0/0"])
    error_message = "public_access_cidrs must be valid CIDRs and must not open the API to the whole internet."
  }
}

variable "log_retention_days" {
  description = "Retention of the control-plane log group (a period CloudWatch Logs supports)."
  type        = number
  default     = 90

  validation {
    condition     = var.log_retention_days >= 1
    error_message = "log_retention_days must be positive."
  }
}

variable "container_log_groups" {
  description = "Container-insights log groups (/aws/containerinsights/<name>/<kind>) the CloudWatch Observability add-on writes to; created with log_retention_days."
  type        = list(string)
  default     = ["application", "dataplane", "host", "performance"]

  validation {
    condition     = contains(var.container_log_groups, "application")
    error_message = "container_log_groups must include application (every container's stdout)."
  }
}

variable "node_groups" {
  description = "Node groups; each becomes one managed node group per private subnet (zone), so the Cluster Autoscaler can add a node in the zone a pending pod needs. min/desired/max are totals, split over the zones (max rounded up)."
  type = map(object({
    instance_types = list(string)
    capacity_type  = optional(string, "ON_DEMAND")
    ami_type       = optional(string, "AL2023_x86_64_STANDARD")
    min_size       = number
    max_size       = number
    desired_size   = number
    disk_size_gib  = optional(number, 50)
    labels         = optional(map(string), {})
  }))

  validation {
    condition     = length(var.node_groups) >= 1
    error_message = "At least one node group is needed."
  }

  validation {
    condition     = alltrue([for g in var.node_groups : g.min_size >= 1 && g.min_size <= g.desired_size && g.desired_size <= g.max_size])
    error_message = "Each node group needs 1 <= min_size <= desired_size <= max_size."
  }

  validation {
    condition     = alltrue([for g in var.node_groups : g.max_size >= length(var.subnet_ids)])
    error_message = "Each node group's max_size must allow at least one node per zone (subnet)."
  }

  validation {
    condition     = alltrue([for g in var.node_groups : contains(["ON_DEMAND", "SPOT"], g.capacity_type)])
    error_message = "capacity_type must be ON_DEMAND or SPOT."
  }
}

variable "addons" {
  description = "EKS add-ons by name; version null takes the default for the cluster version; pod_identity names the built-in identity the add-on's ServiceAccount uses; configuration_values is the add-on's JSON configuration."
  type = map(object({
    version              = optional(string)
    pod_identity         = optional(string)
    configuration_values = optional(string)
  }))
  default = {
    # Network policy enforcement: without it NetworkPolicies are accepted and ignored.
    "vpc-cni"                = { configuration_values = "{\"enableNetworkPolicy\":\"true\"}" }
    "kube-proxy"             = {}
    "coredns"                = {}
    "eks-pod-identity-agent" = {}
    "metrics-server"         = {}
    "aws-ebs-csi-driver"     = { pod_identity = "ebs-csi-driver" }
    # Container logs (Fluent Bit) into the container-insights log groups this module creates with their retention.
    "amazon-cloudwatch-observability" = { pod_identity = "cloudwatch-agent" }
  }

  validation {
    condition     = alltrue([for a in ["vpc-cni", "kube-proxy", "coredns", "eks-pod-identity-agent"] : contains(keys(var.addons), a)])
    error_message = "addons must include vpc-cni, kube-proxy, coredns and eks-pod-identity-agent (Pod Identity needs its agent)."
  }

  validation {
    condition     = try(jsondecode(var.addons["vpc-cni"].configuration_values).enableNetworkPolicy, "") == "true"
    error_message = "The vpc-cni add-on must set enableNetworkPolicy to \"true\" (the charts' NetworkPolicies are enforced by it)."
  }
}

variable "admin_role_names" {
  description = "IAM role names (with path, without account) that get cluster-admin through EKS access entries."
  type        = list(string)
  default     = []
}

variable "pod_identities" {
  description = "Extra EKS Pod Identity roles: each gets an IAM role whose inline policy holds statements_json (a JSON array of IAM statements), bound to namespace/service_account."
  type = map(object({
    namespace       = string
    service_account = string
    statements_json = string
  }))
  default = {}

  validation {
    condition     = alltrue([for p in var.pod_identities : startswith(p.statements_json, "[") && can(jsondecode(p.statements_json))])
    error_message = "statements_json must be a JSON array of IAM policy statements."
  }
}
