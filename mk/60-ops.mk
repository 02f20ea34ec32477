# Backups, restores and the restore drill (ops/backup; runbooks in docs/backup-and-restore.md and
# docs/disaster-recovery.md), tested against a real PostgreSQL 15, moto_server as S3 (preinstalled with pyenv on
# these machines; the one mock, AWS itself cannot run here), a fault proxy and a real Prometheus Pushgateway.
OPS_TEST_PKGS := age zstd awscli jq curl python3 python3-yaml gettext-base shellcheck prometheus-pushgateway postgresql-15 \
                 postgresql-client-15 redis-server redis-tools nodejs

.PHONY: test-ops backup-bench
TEST_SUITES += test-ops
test-ops: build ## backup/restore/restore-user/drill tests, incl. a round trip through the API (tests/ops/run.sh)
	@$(ENSURE_APT) $(OPS_TEST_PKGS)
	tests/ops/run.sh

backup-bench: build ## time backup + drop + restore of a database with OPS_BENCH_NOTES notes (default 100000)
	@$(ENSURE_APT) $(OPS_TEST_PKGS)
	tests/ops/run.sh t_bench_round_trip
