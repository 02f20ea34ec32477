# One managed node group per node group and zone (private subnet), tagged for Cluster Autoscaler auto-discovery.
# A group spanning three zones cannot be told which zone to grow: with one group per zone the autoscaler adds a
# node where a pending pod's zone spread (DoNotSchedule) needs it, and --balance-similar-node-groups keeps the
# zones even. No AMI id anywhere: EKS picks the current optimized image for ami_type and the cluster version.

locals {
  zone_count = length(var.subnet_ids)
  # "<group>-<zone index from 1>" => sizes of that zone: min/desired split evenly (the first zones take the
  # remainder), max rounded up so the zones together reach at least the group's max_size.
  zone_node_groups = merge([for g, spec in var.node_groups : {
    for i, subnet in var.subnet_ids : "${g}-${i + 1}" => {
      group     = g
      subnet_id = subnet
      min_size  = floor(spec.min_size / local.zone_count) + (i < spec.min_size % local.zone_count ? 1 : 0)
      desired   = floor(spec.desired_size / local.zone_count) + (i < spec.desired_size % local.zone_count ? 1 : 0)
      max_size  = ceil(spec.max_size / local.zone_count)
    }
  }]...)
}

resource "aws_iam_role" "node" {
  name = "${var.name}-eks-node"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ec2.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role_policy_attachment" "node" {
  for_each = toset(["AmazonEKSWorkerNodePolicy", "AmazonEKS_CNI_Policy", "AmazonEC2ContainerRegistryPullOnly", "AmazonSSMManagedInstanceCore"])

  role       = aws_iam_role.node.name
  policy_arn = "${local.policy_base}/${each.key}"
}

resource "aws_launch_template" "node" {
  for_each = var.node_groups

  name_prefix            = "${var.name}-${each.key}-"
  update_default_version = true

  # IMDSv2 only, one hop: pods cannot borrow the node's role (they use Pod Identity).
  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
  }

  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      volume_size           = each.value.disk_size_gib
      volume_type           = "gp3"
      encrypted             = true
      delete_on_termination = true
    }
  }

  tag_specifications {
    resource_type = "instance"
    tags          = { Name = "${var.name}-${each.key}" }
  }
}

resource "aws_eks_node_group" "this" {
  for_each = local.zone_node_groups

  cluster_name    = aws_eks_cluster.this.name
  node_group_name = each.key
  node_role_arn   = aws_iam_role.node.arn
  subnet_ids      = [each.value.subnet_id]
  version         = var.kubernetes_version
  ami_type        = var.node_groups[each.value.group].ami_type
  capacity_type   = var.node_groups[each.value.group].capacity_type
  instance_types  = var.node_groups[each.value.group].instance_types
  labels          = merge(var.node_groups[each.value.group].labels, { "notejam.io/node-group" = each.value.group })

  launch_template {
    id      = aws_launch_template.node[each.value.group].id
    version = aws_launch_template.node[each.value.group].latest_version
  }

  scaling_config {
    min_size     = each.value.min_size
    max_size     = each.value.max_size
    desired_size = each.value.desired
  }

  update_config {
    max_unavailable = 1
  }

  node_repair_config {
    enabled = true
  }

  tags = {
    "k8s.io/cluster-autoscaler/enabled"     = "true"
    "k8s.io/cluster-autoscaler/${var.name}" = "owned"
  }

  lifecycle {
    # The Cluster Autoscaler owns desired_size once the group exists.
    ignore_changes = [scaling_config[0].desired_size]
  }

  depends_on = [aws_iam_role_policy_attachment.node]
}
