#!/usr/bin/env bash
# Creates or updates Notejam's database roles (notejam_migrate, notejam_api, notejam_backup) with their passwords;
# idempotent, so it runs before every migration (the chart's pre-install/pre-upgrade hook) and after a rotation.
#   env: MASTER_DATABASE_URL or MASTER_DATABASE_URL_FILE  (the RDS master user: nothing else uses it)
#        ROLE_PASSWORDS_DIR  folder with files migrate, api, backup (one password each)
# Passwords are turned into SCRAM-SHA-256 verifiers here, so the server (log_statement = ddl) never logs them.
# Exit codes: 0 done, 1 failure, 2 bad configuration.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

secret MASTER_DATABASE_URL
need ROLE_PASSWORDS_DIR

# scram_verifier FILE: the verifier PostgreSQL stores for the password in FILE (RFC 5802/7677, 4096 iterations).
scram_verifier() {
  python3 - "$1" <<'PY'
import base64, hashlib, hmac, os, sys
pw = open(sys.argv[1], 'rb').read().rstrip(b'\r\n')
if not pw:
    sys.exit('empty password')
salt, it = os.urandom(16), 4096
salted = hashlib.pbkdf2_hmac('sha256', pw, salt, it)
key = lambda name: hmac.new(salted, name, hashlib.sha256).digest()
b64 = lambda b: base64.b64encode(b).decode()
print(f"SCRAM-SHA-256${it}:{b64(salt)}${b64(hashlib.sha256(key(b'Client Key')).digest())}:{b64(key(b'Server Key'))}")
PY
}

args=()
for role in migrate api backup; do
  f=$ROLE_PASSWORDS_DIR/$role
  [ -r "$f" ] || die "ROLE_PASSWORDS_DIR has no readable file $role" 2
  v=$(scram_verifier "$f" 2>/dev/null) || die "the $role password is empty or unreadable" 2
  args+=(-v "${role}_verifier=$v")
done
db=$(url_db "$MASTER_DATABASE_URL")
db_psql "$MASTER_DATABASE_URL" -v dbname="$db" "${args[@]}" -f "$OPS_DIR/sql/provision-roles.sql" >/dev/null \
  || die "provisioning the roles failed"
log info "roles provisioned" --arg database "$db" --arg roles "notejam_migrate notejam_api notejam_backup"
