# shellcheck shell=bash
# Credentials from EKS Pod Identity: Debian's aws CLI 2.9 cannot use the agent itself, the tools fetch them.

t_pod_identity_credentials() {
  fresh pod-identity
  seed
  echo "pod-identity-token-$RANDOM" >"$T/token"
  port=$("$ROOT/tests/lib/free-port.sh")
  python3 "$HERE/pod-identity-agent.py" "$port" "$T/token" & agent=$!
  trap 'kill "$agent"' EXIT
  agent_up() { curl -s -o /dev/null "http://127.0.0.1:$port/"; }
  wait_for 20 agent_up
  export AWS_CONTAINER_CREDENTIALS_FULL_URI=http://127.0.0.1:$port/v1/credentials
  export AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE=$T/token AWS_ENDPOINT_URL=$PROXY_URL
  unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY
  ok_tool backup
  grep -q "^PUT /nj-pod-identity/postgres/.*\.manifest\.json ASIAPODIDENTITY sha256$" "$OPS_TMP/proxy.log" \
    || fail "uploads not signed with the agent's credentials: $(tail -n 3 "$OPS_TMP/proxy.log")"
  echo "another-token" >"$T/wrong-token"
  AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE=$T/wrong-token fails_with 1 "cannot get credentials from the EKS Pod Identity agent" backup
  assert_not_in "$T/err" "pod-identity-token" "the token is not logged"
  unset AWS_CONTAINER_CREDENTIALS_FULL_URI
  fails_with 1 "Unable to locate credentials" restore
}
