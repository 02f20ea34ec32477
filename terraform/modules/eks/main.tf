# EKS control plane in private subnets: all control-plane logs, Kubernetes secrets encrypted with a customer key,
# access through EKS access entries (no aws-auth ConfigMap), zonal shift for AZ incidents.

data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}

locals {
  partition   = data.aws_partition.current.partition
  account_id  = data.aws_caller_identity.current.account_id
  policy_base = "arn:${local.partition}:iam::aws:policy"
  log_types   = ["api", "audit", "authenticator", "controllerManager", "scheduler"]
}

resource "aws_kms_key" "secrets" {
  description             = "${var.name}: EKS Kubernetes secrets envelope encryption"
  enable_key_rotation     = true
  deletion_window_in_days = 30
}

resource "aws_kms_alias" "secrets" {
  name          = "alias/${var.name}-eks-secrets"
  target_key_id = aws_kms_key.secrets.key_id
}

resource "aws_cloudwatch_log_group" "cluster" {
  name              = "/aws/eks/${var.name}/cluster"
  retention_in_days = var.log_retention_days
}

# The CloudWatch Observability add-on's Fluent Bit writes container logs to /aws/containerinsights/<cluster>/<kind>;
# created here first, so they exist with a retention before any line arrives (the add-on would create them
# without one).
resource "aws_cloudwatch_log_group" "container" {
  for_each = toset(var.container_log_groups)

  name              = "/aws/containerinsights/${var.name}/${each.key}"
  retention_in_days = var.log_retention_days
}

resource "aws_iam_role" "cluster" {
  name = "${var.name}-eks-cluster"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "eks.amazonaws.com" }
      Action    = ["sts:AssumeRole", "sts:TagSession"]
    }]
  })
}

resource "aws_iam_role_policy_attachment" "cluster" {
  role       = aws_iam_role.cluster.name
  policy_arn = "${local.policy_base}/AmazonEKSClusterPolicy"
}

resource "aws_eks_cluster" "this" {
  name     = var.name
  version  = var.kubernetes_version
  role_arn = aws_iam_role.cluster.arn

  enabled_cluster_log_types = local.log_types

  vpc_config {
    subnet_ids              = var.subnet_ids
    endpoint_private_access = true
    endpoint_public_access  = var.endpoint_public_access
    public_access_cidrs     = var.endpoint_public_access ? var.public_access_cidrs : null
  }

  encryption_config {
    resources = ["secrets"]
    provider {
      key_arn = aws_kms_key.secrets.arn
    }
  }

  access_config {
    authentication_mode                         = "API"
    bootstrap_cluster_creator_admin_permissions = true
  }

  upgrade_policy {
    support_type = "STANDARD"
  }

  zonal_shift_config {
    enabled = true
  }

  depends_on = [aws_cloudwatch_log_group.cluster, aws_iam_role_policy_attachment.cluster]
}

resource "aws_eks_addon" "this" {
  for_each = var.addons

  cluster_name                = aws_eks_cluster.this.name
  addon_name                  = each.key
  addon_version               = each.value.version
  configuration_values        = each.value.configuration_values
  resolve_conflicts_on_create = "OVERWRITE"
  resolve_conflicts_on_update = "OVERWRITE"

  dynamic "pod_identity_association" {
    for_each = each.value.pod_identity == null ? [] : [local.pod_identities[each.value.pod_identity]]
    content {
      role_arn        = aws_iam_role.pod_identity[each.value.pod_identity].arn
      service_account = pod_identity_association.value.service_account
    }
  }

  # CoreDNS, metrics-server and the CSI controller need nodes to schedule on; the log shipper its log groups.
  depends_on = [aws_eks_node_group.this, aws_cloudwatch_log_group.container]
}
