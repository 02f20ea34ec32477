# GitLab CI reaches AWS without stored keys: a job's id_token is exchanged for one of this environment's roles,
# and only pipelines of the named project on the refs each role allows can do so (docs/ci-cd.md, "Identities"):
#   <name>-ci-deploy  helm deploy, SPA publish, restore drill    refs: deploy_refs (main, release tags for prod)
#   <name>-ci-infra   terraform apply                            refs: infra_refs (main)
#   <name>-ci-plan    terraform plan, prod's helm values: read only, may take the state lock, never write state
# The refs each role trusts are the refs of the pipelines whose jobs assume it: tests/ci/trust-refs.test.mjs.
#   build_role_name   image and chart pushes (only where the registry lives, build_role_name set)
# Each role's permissions are the closure of what its scripts call: tests/ci/iam-closure.test.mjs runs the
# scripts against moto with IAM enforced and these very policies.

locals {
  issuer_host = trimprefix(var.gitlab_url, "https://")
  subjects    = { for k, refs in local.role_refs : k => [for r in refs : "project_path:${var.project_path}:ref_type:${r.ref_type}:ref:${r.ref}"] }
  oidc_arn    = var.create_oidc_provider ? aws_iam_openid_connect_provider.gitlab[0].arn : data.aws_iam_openid_connect_provider.gitlab[0].arn
  partition   = data.aws_partition.current.partition

  role_refs = merge(
    { deploy = var.deploy_refs, infra = var.infra_refs, plan = var.plan_refs },
    var.build_role_name == null ? {} : { build = var.build_refs },
  )
  role_names = merge(
    { deploy = "${var.name}-ci-deploy", infra = "${var.name}-ci-infra", plan = "${var.name}-ci-plan" },
    var.build_role_name == null ? {} : { build = var.build_role_name },
  )
}

data "aws_partition" "current" {}

resource "aws_iam_openid_connect_provider" "gitlab" {
  count = var.create_oidc_provider ? 1 : 0

  url            = var.gitlab_url
  client_id_list = [var.audience]
}

data "aws_iam_openid_connect_provider" "gitlab" {
  count = var.create_oidc_provider ? 0 : 1

  url = var.gitlab_url
}

resource "aws_iam_role" "this" {
  for_each = local.role_names

  name                 = each.value
  description          = "GitLab CI (${each.key}) of ${var.project_path} for ${var.name}"
  max_session_duration = 3600
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = local.oidc_arn }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringEquals = { "${local.issuer_host}:aud" = var.audience }
        StringLike   = { "${local.issuer_host}:sub" = local.subjects[each.key] }
      }
    }]
  })
}
