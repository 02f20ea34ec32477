output "cluster_name" {
  description = "EKS cluster name."
  value       = aws_eks_cluster.this.name
}

output "cluster_arn" {
  description = "EKS cluster ARN."
  value       = aws_eks_cluster.this.arn
}

output "cluster_endpoint" {
  description = "Kubernetes API endpoint."
  value       = aws_eks_cluster.this.endpoint
}

output "cluster_certificate_authority" {
  description = "Base64 CA certificate of the Kubernetes API."
  value       = aws_eks_cluster.this.certificate_authority[0].data
}

output "cluster_security_group_id" {
  description = "Cluster security group EKS attaches to the control plane and the managed nodes (and so to the pods)."
  value       = aws_eks_cluster.this.vpc_config[0].cluster_security_group_id
}

output "node_role_arn" {
  description = "IAM role of the managed nodes."
  value       = aws_iam_role.node.arn
}

output "pod_identity_role_arns" {
  description = "Pod Identity role ARNs by identity name."
  value       = { for k, r in aws_iam_role.pod_identity : k => r.arn }
}

output "pod_identity_bindings" {
  description = "namespace/serviceaccount bound to each Pod Identity role."
  value       = { for k, v in local.pod_identities : k => "${v.namespace}/${v.service_account}" }
}

output "log_group_names" {
  description = "Container log groups by kind (application: every container's stdout), as the log shipper names them."
  value       = { for k, g in aws_cloudwatch_log_group.container : k => g.name }
}

output "secrets_kms_key_arn" {
  description = "KMS key encrypting Kubernetes secrets."
  value       = aws_kms_key.secrets.arn
}

output "settings" {
  description = "Effective cluster settings, read back from the resources."
  value = {
    version                 = aws_eks_cluster.this.version
    log_types               = sort(tolist(aws_eks_cluster.this.enabled_cluster_log_types))
    log_retention_days      = aws_cloudwatch_log_group.cluster.retention_in_days
    secrets_encryption      = sort(tolist(aws_eks_cluster.this.encryption_config[0].resources))
    secrets_kms_key_arn     = aws_eks_cluster.this.encryption_config[0].provider[0].key_arn
    endpoint_public_access  = aws_eks_cluster.this.vpc_config[0].endpoint_public_access
    endpoint_private_access = aws_eks_cluster.this.vpc_config[0].endpoint_private_access
    cluster_subnet_count    = length(aws_eks_cluster.this.vpc_config[0].subnet_ids)
    authentication_mode     = aws_eks_cluster.this.access_config[0].authentication_mode
    zonal_shift             = aws_eks_cluster.this.zonal_shift_config[0].enabled
    addons                  = sort(keys(aws_eks_addon.this))
    addon_pod_identities    = { for k, a in aws_eks_addon.this : k => [for p in a.pod_identity_association : p.service_account] if length(a.pod_identity_association) > 0 }
    addon_configuration     = { for k, a in aws_eks_addon.this : k => try(jsondecode(a.configuration_values), {}) }
    network_policy_enforced = try(jsondecode(aws_eks_addon.this["vpc-cni"].configuration_values).enableNetworkPolicy, "") == "true"
    # kind => { name, retention }: the log groups the CloudWatch Observability add-on writes to.
    container_log_groups = { for k, g in aws_cloudwatch_log_group.container : k => { name = g.name, retention_days = g.retention_in_days } }
    # "<group>-<zone>": one managed node group per zone, each in one private subnet.
    node_groups = {
      for k, g in aws_eks_node_group.this : k => {
        group           = local.zone_node_groups[k].group
        subnet_ids      = sort(tolist(g.subnet_ids))
        min_size        = g.scaling_config[0].min_size
        max_size        = g.scaling_config[0].max_size
        autoscaler_tags = g.tags["k8s.io/cluster-autoscaler/enabled"] == "true" && g.tags["k8s.io/cluster-autoscaler/${var.name}"] == "owned"
        imds_v2_only    = aws_launch_template.node[local.zone_node_groups[k].group].metadata_options[0].http_tokens == "required"
        disk_encrypted  = aws_launch_template.node[local.zone_node_groups[k].group].block_device_mappings[0].ebs[0].encrypted == "true"
      }
    }
    # association key => namespace/serviceaccount and its policy statements
    pod_identity_associations = { for k, a in aws_eks_pod_identity_association.this : k => "${a.namespace}/${a.service_account}" }
    pod_identity_policies     = { for k, p in aws_iam_role_policy.pod_identity : k => jsondecode(p.policy).Statement }
    pod_identity_managed      = { for k, a in aws_iam_role_policy_attachment.pod_identity : k => a.policy_arn }
    pod_identity_trust        = distinct([for r in aws_iam_role.pod_identity : jsondecode(r.assume_role_policy).Statement[0].Principal.Service])
    admin_access_entries      = length(aws_eks_access_entry.admin)
    deployer_groups           = { for k, e in aws_eks_access_entry.deployer : k => sort(tolist(e.kubernetes_groups)) }
  }
}
