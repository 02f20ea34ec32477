#!/usr/bin/env bash
# Nightly restore drill: start a Job from the chart's restore-drill CronJob (it restores the latest backup into a
# scratch database and checks it, with its own Pod Identity; CI never sees backup data or keys), wait for it,
# print its log, and fail the pipeline when the drill fails or takes longer than DRILL_TIMEOUT seconds.
set -euo pipefail
: "${K8S_NAMESPACE:?}" "${RESTORE_DRILL_CRONJOB:?}"
here=$(dirname "$0")
# shellcheck source=SCRIPTDIR/kube-login.sh
. "$here/kube-login.sh"
job="restore-drill-ci-${CI_PIPELINE_ID:-$(date +%s)}"
kubectl -n "$K8S_NAMESPACE" create job "$job" --from="cronjob/$RESTORE_DRILL_CRONJOB"
deadline=$(( $(date +%s) + ${DRILL_TIMEOUT:-3600} ))
result=""
while [ -z "$result" ]; do
  succeeded=$(kubectl -n "$K8S_NAMESPACE" get job "$job" -o jsonpath='{.status.succeeded}')
  failed=$(kubectl -n "$K8S_NAMESPACE" get job "$job" -o jsonpath='{.status.conditions[?(@.type=="Failed")].status}')
  if [ "${succeeded:-0}" -ge 1 ]; then result=passed
  elif [ "$failed" = "True" ]; then result=failed
  elif [ "$(date +%s)" -ge "$deadline" ]; then result="timed out"
  else sleep 15; fi
done
kubectl -n "$K8S_NAMESPACE" logs "job/$job" --all-containers --tail=200 || true
echo "restore-drill: $job $result"
[ "$result" = passed ]
