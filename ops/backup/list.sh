#!/usr/bin/env bash
# List this environment's backups in S3, oldest first: UTC time, size of the encrypted dump, state, key.
# "complete" = the manifest exists (written last, after the dump was verified); "INCOMPLETE" = a dump without
# manifest (a failed run: never restored). Usage: list.sh [--date YYYY-MM-DD] [--json]
# Env: ENV_NAME BACKUP_BUCKET [BACKUP_PREFIX=postgres/] AWS_REGION [AWS_ENDPOINT_URL]
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

day="" json=0
while [ $# -gt 0 ]; do
  case $1 in
    --date) [[ ${2:-} =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}$ ]] || die "--date wants YYYY-MM-DD (UTC)" 2; day="${2//-//}/"; shift ;;
    --json) json=1 ;;
    *) die "usage: list.sh [--date YYYY-MM-DD] [--json]" 2 ;;
  esac
  shift
done
work_dir
load_settings
list_backups "$day" | jq -c '
  group_by(.Key | sub("\\.(dump\\.zst\\.age|manifest\\.json)$"; ""))[]
  | (map(select(.Key | endswith(".dump.zst.age")))[0]) as $d
  | (map(select(.Key | endswith(".manifest.json")))[0]) as $m
  | {time: (.[0].Key | capture("-(?<t>[0-9]{8}T[0-9]{6}Z)\\.") .t
            | "\(.[0:4])-\(.[4:6])-\(.[6:8])T\(.[9:11]):\(.[11:13]):\(.[13:15])Z"),
     key: ($d.Key // null), size: ($d.Size // null), manifest: ($m.Key // null),
     state: (if $d and $m then "complete" elif $m then "MISSING-DUMP" else "INCOMPLETE" end)}' \
  | if [ $json = 1 ]; then jq -s .; else jq -r '[.time, (.size // "-"), .state, (.key // .manifest)] | @tsv'; fi
