# EKS Pod Identity: one IAM role per ServiceAccount, trusted only by the Pod Identity service of this account.
# Built in: AWS Load Balancer Controller, Cluster Autoscaler, EBS CSI driver, CloudWatch agent; the caller adds the rest
# (External Secrets Operator, the backup and restore-drill jobs) through var.pod_identities.

locals {
  autoscaler_tag = "aws:ResourceTag/k8s.io/cluster-autoscaler/${var.name}"
  lbc_tag        = "aws:ResourceTag/elbv2.k8s.aws/cluster"
  lbc_request    = "aws:RequestTag/elbv2.k8s.aws/cluster"

  builtin_identities = {
    "aws-load-balancer-controller" = {
      namespace       = "kube-system"
      service_account = "aws-load-balancer-controller"
      statements_json = jsonencode(local.lb_controller_statements)
    }
    "cluster-autoscaler" = {
      namespace       = "kube-system"
      service_account = "cluster-autoscaler"
      statements_json = jsonencode(local.autoscaler_statements)
    }
    "ebs-csi-driver" = {
      namespace       = "kube-system"
      service_account = "ebs-csi-controller-sa"
      statements_json = "[]"
    }
    "cloudwatch-agent" = {
      namespace       = "amazon-cloudwatch"
      service_account = "cloudwatch-agent"
      statements_json = "[]"
    }
  }
  pod_identities = merge(local.builtin_identities, var.pod_identities)
  managed_policies = {
    "ebs-csi-driver" = "${local.policy_base}/service-role/AmazonEBSCSIDriverPolicy"
    # What the CloudWatch Observability add-on documents for its cloudwatch-agent ServiceAccount (logs and metrics).
    "cloudwatch-agent" = "${local.policy_base}/CloudWatchAgentServerPolicy"
  }

  autoscaler_statements = [
    {
      Sid    = "Discover"
      Effect = "Allow"
      Action = [
        "autoscaling:DescribeAutoScalingGroups", "autoscaling:DescribeAutoScalingInstances",
        "autoscaling:DescribeLaunchConfigurations", "autoscaling:DescribeScalingActivities", "autoscaling:DescribeTags",
        "ec2:DescribeImages", "ec2:DescribeInstanceTypes", "ec2:DescribeLaunchTemplateVersions",
        "ec2:GetInstanceTypesFromInstanceRequirements", "eks:DescribeNodegroup",
      ]
      Resource = "*"
    },
    {
      Sid       = "ScaleOwnGroupsOnly"
      Effect    = "Allow"
      Action    = ["autoscaling:SetDesiredCapacity", "autoscaling:TerminateInstanceInAutoScalingGroup"]
      Resource  = "*"
      Condition = { StringEquals = { (local.autoscaler_tag) = "owned" } }
    },
  ]

  lb_controller_statements = [
    {
      Sid       = "ServiceLinkedRole"
      Effect    = "Allow"
      Action    = "iam:CreateServiceLinkedRole"
      Resource  = "*"
      Condition = { StringEquals = { "iam:AWSServiceName" = "elasticloadbalancing.amazonaws.com" } }
    },
    {
      Sid    = "Read"
      Effect = "Allow"
      Action = [
        "ec2:Describe*", "ec2:GetCoipPoolUsage", "ec2:GetSecurityGroupsForVpc", "elasticloadbalancing:Describe*",
        "acm:ListCertificates", "acm:DescribeCertificate", "iam:ListServerCertificates", "iam:GetServerCertificate",
        "wafv2:GetWebACL", "wafv2:GetWebACLForResource", "shield:GetSubscriptionState",
      ]
      Resource = "*"
    },
    {
      Sid      = "SecurityGroupRules"
      Effect   = "Allow"
      Action   = ["ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupIngress", "ec2:CreateSecurityGroup"]
      Resource = "*"
    },
    {
      Sid       = "TagNewSecurityGroups"
      Effect    = "Allow"
      Action    = "ec2:CreateTags"
      Resource  = "arn:${local.partition}:ec2:*:*:security-group/*"
      Condition = { StringEquals = { "ec2:CreateAction" = "CreateSecurityGroup" } }
    },
    {
      Sid       = "ManageOwnSecurityGroups"
      Effect    = "Allow"
      Action    = ["ec2:CreateTags", "ec2:DeleteTags", "ec2:DeleteSecurityGroup"]
      Resource  = "*"
      Condition = { Null = { (local.lbc_tag) = "false" } }
    },
    {
      Sid       = "CreateLoadBalancers"
      Effect    = "Allow"
      Action    = ["elasticloadbalancing:CreateLoadBalancer", "elasticloadbalancing:CreateTargetGroup"]
      Resource  = "*"
      Condition = { Null = { (local.lbc_request) = "false" } }
    },
    {
      Sid    = "ListenersAndRules"
      Effect = "Allow"
      Action = [
        "elasticloadbalancing:CreateListener", "elasticloadbalancing:DeleteListener", "elasticloadbalancing:CreateRule",
        "elasticloadbalancing:DeleteRule", "elasticloadbalancing:ModifyListener", "elasticloadbalancing:ModifyRule",
        "elasticloadbalancing:AddListenerCertificates", "elasticloadbalancing:RemoveListenerCertificates",
        "elasticloadbalancing:SetWebAcl",
      ]
      Resource = "*"
    },
    {
      Sid       = "TagOnCreate"
      Effect    = "Allow"
      Action    = "elasticloadbalancing:AddTags"
      Resource  = "*"
      Condition = { StringEquals = { "elasticloadbalancing:CreateAction" = ["CreateTargetGroup", "CreateLoadBalancer"] } }
    },
    {
      Sid    = "ManageOwnLoadBalancers"
      Effect = "Allow"
      Action = [
        "elasticloadbalancing:ModifyLoadBalancerAttributes", "elasticloadbalancing:SetIpAddressType",
        "elasticloadbalancing:SetSecurityGroups", "elasticloadbalancing:SetSubnets",
        "elasticloadbalancing:DeleteLoadBalancer", "elasticloadbalancing:ModifyTargetGroup",
        "elasticloadbalancing:ModifyTargetGroupAttributes", "elasticloadbalancing:DeleteTargetGroup",
        "elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags",
      ]
      Resource  = "*"
      Condition = { Null = { (local.lbc_tag) = "false" } }
    },
    {
      # TargetGroupBinding registers pods in target groups Terraform owns (the web module's ALB).
      Sid      = "RegisterTargets"
      Effect   = "Allow"
      Action   = ["elasticloadbalancing:RegisterTargets", "elasticloadbalancing:DeregisterTargets"]
      Resource = "arn:${local.partition}:elasticloadbalancing:*:*:targetgroup/*/*"
    },
  ]
}

resource "aws_iam_role" "pod_identity" {
  for_each = local.pod_identities

  name        = "${var.name}-${each.key}"
  description = "EKS Pod Identity for ${each.value.namespace}/${each.value.service_account}"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "pods.eks.amazonaws.com" }
      Action    = ["sts:AssumeRole", "sts:TagSession"]
      Condition = { StringEquals = { "aws:SourceAccount" = local.account_id } }
    }]
  })
}

resource "aws_iam_role_policy" "pod_identity" {
  # Identities with an AWS managed policy (EBS CSI) need no inline one.
  for_each = { for k, v in local.pod_identities : k => v if !contains(keys(local.managed_policies), k) }

  name   = each.key
  role   = aws_iam_role.pod_identity[each.key].id
  policy = jsonencode({ Version = "2012-10-17", Statement = jsondecode(each.value.statements_json) })
}

resource "aws_iam_role_policy_attachment" "pod_identity" {
  for_each = local.managed_policies

  role       = aws_iam_role.pod_identity[each.key].name
  policy_arn = each.value
}

# Add-on ServiceAccounts are bound by the add-on itself (aws_eks_addon.pod_identity_association).
resource "aws_eks_pod_identity_association" "this" {
  for_each = { for k, v in local.pod_identities : k => v if !contains([for a in var.addons : a.pod_identity if a.pod_identity != null], k) }

  cluster_name    = aws_eks_cluster.this.name
  namespace       = each.value.namespace
  service_account = each.value.service_account
  role_arn        = aws_iam_role.pod_identity[each.key].arn
}
