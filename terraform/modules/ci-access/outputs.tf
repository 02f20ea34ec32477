output "role_arns" {
  description = "CI roles by purpose (deploy, infra, plan, build where the registry lives): AWS_ROLE_ARN of the jobs."
  value       = { for k, r in aws_iam_role.this : k => r.arn }
}

output "deploy_role_arn" {
  description = "Role of the deploy jobs (helm, SPA publish, restore drill); also the EKS access entry's principal."
  value       = aws_iam_role.this["deploy"].arn
}

output "oidc_provider_arn" {
  description = "IAM OIDC provider of the GitLab instance."
  value       = local.oidc_arn
}

output "policies" {
  description = "Inline policy documents by role purpose, as attached (tests/ci/iam-closure.test.mjs loads them into moto)."
  value       = { for k, p in aws_iam_role_policy.this : k => p.policy }
}

output "settings" {
  description = "Effective trust and permissions of the CI roles, read back from the resources."
  value = {
    role_names       = { for k, r in aws_iam_role.this : k => r.name }
    trust_conditions = { for k, r in aws_iam_role.this : k => jsondecode(r.assume_role_policy).Statement[0].Condition }
    trust_action     = distinct([for r in aws_iam_role.this : jsondecode(r.assume_role_policy).Statement[0].Action])
    permissions      = { for k, p in aws_iam_role_policy.this : k => { for s in jsondecode(p.policy).Statement : s.Sid => { effect = s.Effect, action = s.Action } } }
    managed_policies = { for k, a in aws_iam_role_policy_attachment.this : k => a.policy_arn }
  }
}
