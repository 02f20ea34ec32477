# Who may use the cluster: EKS access entries and their access policies (no aws-auth ConfigMap).

resource "aws_eks_access_entry" "admin" {
  for_each = toset(var.admin_role_names)

  cluster_name  = aws_eks_cluster.this.name
  principal_arn = "arn:${local.partition}:iam::${local.account_id}:role/${each.value}"
}

resource "aws_eks_access_policy_association" "admin" {
  for_each = aws_eks_access_entry.admin

  cluster_name  = aws_eks_cluster.this.name
  principal_arn = each.value.principal_arn
  policy_arn    = "arn:${local.partition}:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy"

  access_scope {
    type = "cluster"
  }
}

resource "aws_eks_access_entry" "editor" {
  for_each = var.namespace_editors

  cluster_name  = aws_eks_cluster.this.name
  principal_arn = each.value.principal_arn
}

resource "aws_eks_access_policy_association" "editor" {
  for_each = var.namespace_editors

  cluster_name  = aws_eks_cluster.this.name
  principal_arn = aws_eks_access_entry.editor[each.key].principal_arn
  policy_arn    = "arn:${local.partition}:eks::aws:cluster-access-policy/AmazonEKSEditPolicy"

  access_scope {
    type       = "namespace"
    namespaces = each.value.namespaces
  }
}
