output "deploy_role_arn" {
  description = "Role the GitLab jobs of this environment assume (AWS_ROLE_ARN with AWS_WEB_IDENTITY_TOKEN_FILE)."
  value       = aws_iam_role.deploy.arn
}

output "oidc_provider_arn" {
  description = "IAM OIDC provider of the GitLab instance."
  value       = local.oidc_arn
}

output "allowed_subjects" {
  description = "sub claims the role trusts."
  value       = local.subjects
}

output "settings" {
  description = "Effective trust of the deploy role, read back from the resource."
  value = {
    trust_conditions = jsondecode(aws_iam_role.deploy.assume_role_policy).Statement[0].Condition
    trust_action     = jsondecode(aws_iam_role.deploy.assume_role_policy).Statement[0].Action
    permissions      = { for s in jsondecode(aws_iam_role_policy.deploy.policy).Statement : s.Sid => s.Action }
  }
}
