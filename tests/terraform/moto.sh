#!/usr/bin/env bash
# Apply and destroy the network and backup modules against moto_server, then check through the AWS API
# what was really created (Object Lock, lifecycle, replication, NAT per AZ). moto emulates AWS on 127.0.0.1;
# AWS itself cannot run here. Usage: moto.sh REPO_ROOT TERRAFORM_COPY_DIR
set -euo pipefail
root=${1:?usage: moto.sh REPO_ROOT TERRAFORM_COPY_DIR}
# shellcheck source=../lib/wait.sh
. "$root/tests/lib/wait.sh"
tf=${2:?usage: moto.sh REPO_ROOT TERRAFORM_COPY_DIR}
command -v moto_server >/dev/null || { echo "moto: moto_server is not installed (part of the machine image, see docs/design.md)" >&2; exit 1; }
command -v aws >/dev/null || { echo "moto: the aws CLI is not installed (part of the machine image)" >&2; exit 1; }

work=$(mktemp -d)
port=$("$root/tests/lib/free-port.sh")
moto_server -H 127.0.0.1 -p "$port" >"$work/moto.log" 2>&1 &
moto_pid=$!
cleanup() { kill "$moto_pid" 2>/dev/null || true; wait "$moto_pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

export AWS_ENDPOINT_URL="http://127.0.0.1:$port" AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing
export AWS_DEFAULT_REGION=eu-central-1 AWS_EC2_METADATA_DISABLED=true
unset AWS_PROFILE AWS_CA_BUNDLE
moto_up() { aws sts get-caller-identity >/dev/null 2>&1; }
wait_for 30 moto_up || { cat "$work/moto.log" >&2; exit 1; }

# The root sits in the scratch copy so that its module paths resolve like in the repository.
mkdir -p "$tf/../tests/terraform" && cp -r "$root/tests/terraform/moto" "$tf/../tests/terraform/"
m="$tf/../tests/terraform/moto"
terraform -chdir="$m" init -input=false -no-color >/dev/null
# Everything but the CloudTrail trail (see moto/main.tf): the audit module's bucket, key and alarms are targeted.
targets=(-target=module.network -target=module.backup -target=aws_sns_topic.alarms -target=module.audit.module.bucket
  -target=module.audit.aws_kms_alias.trail -target=module.audit.aws_cloudwatch_metric_alarm.security)
terraform -chdir="$m" apply -input=false -no-color -auto-approve "${targets[@]}" >"$work/apply.log" 2>&1 || { cat "$work/apply.log"; exit 1; }
out() { terraform -chdir="$m" output -raw "$1"; }

fail() { echo "moto: $*" >&2; exit 1; }
bucket=$(out bucket); dr_bucket=$(out dr_bucket); vpc=$(out vpc_id)
lock=$(aws s3api get-object-lock-configuration --bucket "$bucket" --query 'ObjectLockConfiguration.Rule.DefaultRetention.[Mode,Days]' --output text)
[ "$lock" = "GOVERNANCE	1095" ] || fail "backup bucket lock is '$lock'"
lock=$(aws --region eu-west-1 s3api get-object-lock-configuration --bucket "$dr_bucket" --query 'ObjectLockConfiguration.Rule.DefaultRetention.Days' --output text)
[ "$lock" = 1095 ] || fail "DR bucket lock is '$lock'"
life=$(aws s3api get-bucket-lifecycle-configuration --bucket "$bucket" --query "Rules[?ID=='retention'].[Transitions[0].StorageClass,Expiration.Days]" --output text)
[ "$life" = "DEEP_ARCHIVE	1095" ] || fail "lifecycle is '$life'"
dest=$(aws s3api get-bucket-replication --bucket "$bucket" --query 'ReplicationConfiguration.Rules[0].Destination.Bucket' --output text)
[ "$dest" = "arn:aws:s3:::$dr_bucket" ] || fail "replication goes to '$dest'"
sse=$(aws s3api get-bucket-encryption --bucket "$bucket" --query 'ServerSideEncryptionConfiguration.Rules[0].ApplyServerSideEncryptionByDefault.SSEAlgorithm' --output text)
[ "$sse" = "aws:kms" ] || fail "encryption is '$sse'"
pab=$(aws s3api get-public-access-block --bucket "$bucket" --query 'PublicAccessBlockConfiguration.[BlockPublicAcls,BlockPublicPolicy,IgnorePublicAcls,RestrictPublicBuckets]' --output text)
[ "$pab" = "True	True	True	True" ] || fail "public access block is '$pab'"
nats=$(aws ec2 describe-nat-gateways --filter "Name=vpc-id,Values=$vpc" --query 'length(NatGateways)' --output text)
[ "$nats" = 3 ] || fail "$nats NAT gateways, want one per AZ"
azs=$(aws ec2 describe-subnets --filters "Name=vpc-id,Values=$vpc" --query 'length(Subnets[].AvailabilityZone)' --output text)
[ "$azs" = 9 ] || fail "$azs subnets, want 3 tiers x 3 AZs"
logs=$(aws ec2 describe-flow-logs --filter "Name=resource-id,Values=$vpc" --query 'FlowLogs[0].TrafficType' --output text)
[ "$logs" = ALL ] || fail "flow logs: '$logs'"
echo "moto: applied network and backup bucket; Object Lock, lifecycle, replication, SSE-KMS, public access block, NAT per AZ, flow logs verified"

audit_bucket=$(out audit_bucket); topic=$(out alarm_topic)
lock=$(aws s3api get-object-lock-configuration --bucket "$audit_bucket" --query 'ObjectLockConfiguration.Rule.DefaultRetention.[Mode,Days]' --output text)
[ "$lock" = "GOVERNANCE	1095" ] || fail "audit bucket lock is '$lock'"
sse=$(aws s3api get-bucket-encryption --bucket "$audit_bucket" --query 'ServerSideEncryptionConfiguration.Rules[0].ApplyServerSideEncryptionByDefault.SSEAlgorithm' --output text)
[ "$sse" = "aws:kms" ] || fail "audit bucket encryption is '$sse'"
filters=$(aws logs describe-metric-filters --log-group-name "$(out trail_log_group)" --query 'metricFilters[].filterName' --output text | wc -w)
[ "$filters" = 4 ] || fail "$filters metric filters on the trail's log group, want 4"
actions=$(aws cloudwatch describe-alarms --alarm-name-prefix notejam-moto- --query 'MetricAlarms[].AlarmActions[]' --output text | tr '\t' '\n' | sort -u)
[ "$actions" = "$topic" ] || fail "security alarms notify '$actions', want $topic"
echo "moto: applied the audit module (all but the trail); Object Lock, SSE-KMS, 4 metric filters alarming to the topic verified"

terraform -chdir="$m" destroy -input=false -no-color -auto-approve >"$work/destroy.log" 2>&1 || { cat "$work/destroy.log"; exit 1; }
left=$(aws s3api list-buckets --query 'length(Buckets)' --output text)
[ "$left" = 0 ] || fail "$left buckets left after destroy"
echo "moto: destroy removed everything"
