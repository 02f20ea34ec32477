# GitLab CI reaches AWS without stored keys: the job's id_token is exchanged for this environment's deploy role,
# and only pipelines of the named project on the allowed refs can do so.

locals {
  issuer_host = trimprefix(var.gitlab_url, "https://")
  subjects    = [for r in var.allowed_refs : "project_path:${var.project_path}:ref_type:${r.ref_type}:ref:${r.ref}"]
  oidc_arn    = var.create_oidc_provider ? aws_iam_openid_connect_provider.gitlab[0].arn : data.aws_iam_openid_connect_provider.gitlab[0].arn
}

resource "aws_iam_openid_connect_provider" "gitlab" {
  count = var.create_oidc_provider ? 1 : 0

  url            = var.gitlab_url
  client_id_list = [var.audience]
}

data "aws_iam_openid_connect_provider" "gitlab" {
  count = var.create_oidc_provider ? 0 : 1

  url = var.gitlab_url
}

resource "aws_iam_role" "deploy" {
  name                 = "${var.name}-gitlab-deploy"
  description          = "GitLab CI deploys of ${var.project_path} to ${var.name}"
  max_session_duration = 3600
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = local.oidc_arn }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringEquals = { "${local.issuer_host}:aud" = var.audience }
        StringLike   = { "${local.issuer_host}:sub" = local.subjects }
      }
    }]
  })
}

resource "aws_iam_role_policy" "deploy" {
  name = "deploy"
  role = aws_iam_role.deploy.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "EcrLogin"
        Effect   = "Allow"
        Action   = "ecr:GetAuthorizationToken"
        Resource = "*"
      },
      {
        Sid    = "EcrPush"
        Effect = "Allow"
        Action = [
          "ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:DescribeImages",
          "ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload", "ecr:PutImage",
        ]
        Resource = var.ecr_repository_arns
      },
      {
        Sid      = "SpaUpload"
        Effect   = "Allow"
        Action   = ["s3:ListBucket", "s3:PutObject", "s3:DeleteObject"]
        Resource = [var.web_bucket_arn, "${var.web_bucket_arn}/*"]
      },
      {
        Sid      = "SpaInvalidate"
        Effect   = "Allow"
        Action   = "cloudfront:CreateInvalidation"
        Resource = var.distribution_arn
      },
      {
        Sid      = "Kubeconfig"
        Effect   = "Allow"
        Action   = "eks:DescribeCluster"
        Resource = var.cluster_arn
      },
    ]
  })
}
