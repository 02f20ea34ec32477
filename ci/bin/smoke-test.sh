#!/usr/bin/env bash
# Smoke test of a running Notejam: after every deploy (environment URL) and in test:integration.
#   smoke-test.sh URL [--spa] [--direct] [--version V] [--write]
#   always     the API answers through URL: GET /api/v1/me without a token is 401 application/problem+json
#   --spa      GET / and a deep link (history fallback) return the SPA's HTML
#   --direct   URL is the API itself (not CloudFront): /healthz and /readyz answer 200
#   --version  GET /version names version V (needs --direct)
#   --write    a throwaway account signs up, creates a note, reads it back, signs out and deletes itself
# First contact is retried for SMOKE_WAIT seconds (DNS, load balancer registration); after that every check must
# pass the first time. Prints one line per check; exits 1 on the first failure.
set -euo pipefail
url=${1:?usage: smoke-test.sh URL [--spa] [--direct] [--version V] [--write]}; shift
url=${url%/}
spa=false direct=false write=false version=""
while [ $# -gt 0 ]; do
  case $1 in
    --spa) spa=true ;; --direct) direct=true ;; --write) write=true ;;
    --version) version=${2:?--version needs a value}; shift ;;
    *) echo "smoke-test: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
status="" ctype=""

# req METHOD PATH [JSON-BODY] [BEARER-TOKEN]: sets status and ctype, body in $tmp/body
req() {
  local args=(-sS -o "$tmp/body" -w '%{http_code} %{content_type}' -X "$1" --max-time 15)
  [ -n "${3:-}" ] && args+=(-H 'Content-Type: application/json' --data-binary "$3")
  [ -n "${4:-}" ] && args+=(-H "Authorization: Bearer $4")
  local out
  out=$(curl "${args[@]}" "$url$2") || { status=000 ctype=""; return 0; }
  status=${out%% *} ctype=${out#* }
}
fail() { echo "smoke-test: FAIL $*" >&2; echo "--- response body:" >&2; head -c 500 "$tmp/body" >&2 || true; echo >&2; exit 1; }
ok() { echo "smoke-test: ok   $*"; }
# json_field NAME: the first top-level-looking "NAME": value in the body (string or number), good enough for a smoke test
json_field() { grep -o "\"$1\": *\"\{0,1\}[^\",}]*" "$tmp/body" | head -1 | sed "s/^\"$1\": *\"\{0,1\}//"; }

deadline=$(( $(date +%s) + ${SMOKE_WAIT:-120} ))
until req GET /api/v1/me && [ "$status" != 000 ] && [ "${status:0:1}" != 5 ]; do
  [ "$(date +%s)" -ge "$deadline" ] && fail "no answer from $url within ${SMOKE_WAIT:-120}s (last status $status)"
  sleep 2
done
[[ $status = 401 && $ctype == application/problem+json* ]] || fail "GET /api/v1/me: want 401 problem+json, got $status $ctype"
ok "GET /api/v1/me without a token -> 401 problem+json"

if $direct; then
  for path in /healthz /readyz; do
    req GET "$path"; [ "$status" = 200 ] || fail "GET $path: want 200, got $status"; ok "GET $path -> 200"
  done
fi
if [ -n "$version" ]; then
  req GET /version
  [ "$status" = 200 ] || fail "GET /version: want 200, got $status"
  grep -qF "\"$version\"" "$tmp/body" || fail "GET /version: want version $version"
  ok "GET /version -> $version"
fi
if $spa; then
  for path in / /pads/smoke-deep-link; do
    req GET "$path"
    [[ $status = 200 && $ctype == text/html* ]] || fail "GET $path: want 200 text/html (the SPA), got $status $ctype"
    ok "GET $path -> SPA"
  done
fi
if $write; then
  email="smoke-$(date +%s)-$RANDOM@example.com"
  password="Smoke-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
  req POST /api/v1/auth/signup "{\"email\":\"$email\",\"password\":\"$password\"}"
  [ "$status" = 201 ] || fail "POST /auth/signup: want 201, got $status"
  token=$(json_field access_token); [ -n "$token" ] || fail "signup answered no access_token"
  ok "sign-up $email"
  req POST /api/v1/notes '{"name":"smoke test","text":"written by ci/bin/smoke-test.sh"}' "$token"
  [ "$status" = 201 ] || fail "POST /notes: want 201, got $status"
  note=$(json_field id); [ -n "$note" ] || fail "POST /notes answered no id"
  req GET "/api/v1/notes/$note" "" "$token"
  [ "$status" = 200 ] || fail "GET /notes/$note: want 200, got $status"
  grep -q 'written by ci/bin/smoke-test.sh' "$tmp/body" || fail "GET /notes/$note: the text did not come back"
  ok "note $note created and read back"
  req DELETE /api/v1/me "{\"password\":\"$password\"}" "$token"
  [ "$status" = 204 ] || fail "DELETE /me: want 204, got $status"
  req GET /api/v1/me "" "$token"
  [ "$status" = 401 ] || [ "$status" = 404 ] || fail "GET /me after deleting the account: want 401, got $status"
  ok "account deleted"
fi
echo "smoke-test: $url passed"
