# Speed, scale-out and resilience (issue 10). test-resilience is part of `make test`: three API instances behind a
# private nginx under load (rolling restart, kill -9, statelessness, slow clients, PostgreSQL/Redis restarts with a
# lost-write check) and a short libFuzzer run of every target. bench, soak and fuzz are run by hand.
RESILIENCE_PKGS := nginx wrk postgresql-15 postgresql-client-15 redis-server redis-tools nodejs npm
FUZZ_PKGS := clang libclang-rt-14-dev
BENCH_PKGS := wrk valgrind linux-perf postgresql-15 postgresql-client-15 redis-server redis-tools nodejs npm

.PHONY: bench soak bench-profile
bench: build ## benchmarks (not in make test): API vs pgbench ratio, POST, 256 connections, sign-in burst, RSS, CPU -> bench/results.md
	@$(ENSURE_APT) $(BENCH_PKGS)
	node bench/bench.mjs

soak: build ## 10 minutes of mixed load with RSS sampled (SOAK_SECONDS to change) -> bench/results-soak.md
	@$(ENSURE_APT) $(BENCH_PKGS)
	node bench/soak.mjs

bench-profile: build ## perf profile of the API during GET /api/v1/notes -> build/profile-notes_list.txt
	@$(ENSURE_APT) $(BENCH_PKGS)
	node bench/profile.mjs
