# What each CI role may do. Keep every statement to what a ci/bin script calls (tests/ci/iam-closure.test.mjs).

locals {
  policies = merge(
    {
      deploy = [
        {
          # ci/bin/spa-publish.sh: aws s3 sync/cp (no --delete: old hashed assets stay for open tabs)
          Sid      = "SpaUpload"
          Effect   = "Allow"
          Action   = ["s3:ListBucket", "s3:PutObject"]
          Resource = [var.web_bucket_arn, "${var.web_bucket_arn}/*"]
        },
        {
          # ci/bin/spa-publish.sh: create-invalidation, then `wait invalidation-completed` (GetInvalidation)
          Sid      = "SpaInvalidate"
          Effect   = "Allow"
          Action   = ["cloudfront:CreateInvalidation", "cloudfront:GetInvalidation"]
          Resource = var.distribution_arn
        },
        {
          # ci/bin/kube-login.sh: aws eks update-kubeconfig; Kubernetes rights come from the access entry + ci/rbac
          Sid      = "Kubeconfig"
          Effect   = "Allow"
          Action   = "eks:DescribeCluster"
          Resource = var.cluster_arn
        },
      ]
      # terraform plan takes the S3 lock file (use_lockfile) and reads the state; it never writes the state.
      plan = [
        {
          Sid      = "ReadState"
          Effect   = "Allow"
          Action   = ["s3:ListBucket", "s3:GetObject"]
          Resource = ["arn:${local.partition}:s3:::${var.state_bucket_prefix}*", "arn:${local.partition}:s3:::${var.state_bucket_prefix}*/${var.state_key_prefix}*"]
        },
        {
          Sid      = "LockState"
          Effect   = "Allow"
          Action   = ["s3:PutObject", "s3:DeleteObject"]
          Resource = "arn:${local.partition}:s3:::${var.state_bucket_prefix}*/${var.state_key_prefix}*.tflock"
        },
        {
          Sid      = "DecryptState"
          Effect   = "Allow"
          Action   = ["kms:Decrypt", "kms:GenerateDataKey"]
          Resource = "*"
          Condition = {
            StringLike = { "kms:EncryptionContext:aws:s3:arn" = "arn:${local.partition}:s3:::${var.state_bucket_prefix}*" }
          }
        },
        {
          # Refreshing the generated secrets (modules/secrets) reads their values, and the random-password data
          # source is read on every plan: this is why prod's plan role trusts protected refs only (plan_refs).
          Sid      = "RefreshGeneratedSecrets"
          Effect   = "Allow"
          Action   = ["secretsmanager:GetSecretValue", "secretsmanager:GetRandomPassword"]
          Resource = "*"
          Condition = {
            StringLikeIfExists = { "secretsmanager:SecretId" = "arn:${local.partition}:secretsmanager:*:*:secret:${var.name}/*" }
          }
        },
      ]
    },
    var.build_role_name == null ? {} : {
      build = [
        {
          # ci/bin/image-publish.sh, chart-publish.sh, image-scan.sh: aws ecr get-login-password
          Sid      = "RegistryLogin"
          Effect   = "Allow"
          Action   = "ecr:GetAuthorizationToken"
          Resource = "*"
        },
        {
          # buildah push / helm push (registry protocol), describe-images + batch-get-image + put-image (re-tag),
          # trivy pull (image-scan.sh)
          Sid    = "RegistryPushPull"
          Effect = "Allow"
          Action = [
            "ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:DescribeImages",
            "ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload", "ecr:PutImage",
          ]
          Resource = var.ecr_repository_arns
        },
      ]
    },
  )
  # The infra role manages every resource of the environment (terraform apply): AWS's administrator policy.
  # The plan role: AWS's read-only policy plus the statements above.
  managed_policies = {
    infra = "arn:${local.partition}:iam::aws:policy/AdministratorAccess"
    plan  = "arn:${local.partition}:iam::aws:policy/ReadOnlyAccess"
  }
}

resource "aws_iam_role_policy" "this" {
  for_each = local.policies

  name = each.key
  role = aws_iam_role.this[each.key].id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = each.value
  })
}

resource "aws_iam_role_policy_attachment" "this" {
  for_each = local.managed_policies

  role       = aws_iam_role.this[each.key].name
  policy_arn = each.value
}
