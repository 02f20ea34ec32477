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

# The CI deploy role gets no EKS access policy: its Kubernetes rights are exactly the RBAC in ci/rbac/ bound to
# these groups (tests/ci/k8s-closure.test.mjs checks them against every kind the chart renders).
resource "aws_eks_access_entry" "deployer" {
  for_each = var.deployers

  cluster_name      = aws_eks_cluster.this.name
  principal_arn     = each.value.principal_arn
  kubernetes_groups = each.value.kubernetes_groups
}

variable "deployers" {
  description = "IAM role ARNs (the CI deploy role) mapped to Kubernetes groups; ci/rbac/ binds those groups to what they may do."
  type = map(object({
    principal_arn     = string
    kubernetes_groups = list(string)
  }))
  default = {}

  validation {
    condition     = alltrue([for d in var.deployers : length(d.kubernetes_groups) > 0 && alltrue([for g in d.kubernetes_groups : !startswith(g, "system:")])])
    error_message = "Each deployer needs at least one Kubernetes group, and none of the system: groups."
  }
}
