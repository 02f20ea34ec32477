# shellcheck shell=sh
# Sourced by every job that talks to AWS (they extend `.aws`): trades the job's GitLab OIDC token
# (id_tokens: AWS_ID_TOKEN, audience sts.amazonaws.com) for one hour of credentials of AWS_ROLE_ARN with
# `aws sts assume-role-with-web-identity`, and exports them for the rest of the job. There are no static AWS keys;
# nothing here prints a token or a key. POSIX sh, so it works in every job image.
if [ -z "${AWS_ID_TOKEN:-}" ]; then
  echo "aws-oidc: AWS_ID_TOKEN is empty: the job needs id_tokens: AWS_ID_TOKEN (extend .aws)" >&2; return 1
fi
if [ -z "${AWS_ROLE_ARN:-}" ]; then
  echo "aws-oidc: AWS_ROLE_ARN is not set for this job's environment (see docs/ci-cd.md)" >&2; return 1
fi
AWS_DEFAULT_REGION=${AWS_REGION:-eu-central-1}
export AWS_DEFAULT_REGION
# Credentials from anywhere else would be used instead of the role's: refuse them.
unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_PROFILE
_aws_creds=$(aws sts assume-role-with-web-identity \
  --role-arn "$AWS_ROLE_ARN" \
  --role-session-name "gitlab-${CI_PROJECT_ID:-local}-${CI_JOB_ID:-0}" \
  --web-identity-token "$AWS_ID_TOKEN" \
  --duration-seconds "${AWS_SESSION_SECONDS:-3600}" \
  --query 'Credentials.[AccessKeyId,SecretAccessKey,SessionToken]' --output text) || {
  echo "aws-oidc: assume-role-with-web-identity for $AWS_ROLE_ARN failed" >&2; return 1; }
read -r AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN <<EOC
$_aws_creds
EOC
unset _aws_creds
export AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN
echo "aws-oidc: using role $AWS_ROLE_ARN in $AWS_DEFAULT_REGION"
