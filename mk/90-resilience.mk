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

# libFuzzer targets (tests/fuzz/fuzz_*.c) over the pure parsers and writers of api/src, ASan+UBSan, clang.
FUZZ_TARGETS := $(patsubst tests/fuzz/%.c,$(BUILD)/fuzz/%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_LIB_SRC := api/src/http/validate.c api/src/http/fields.c api/src/http/problem.c api/src/http/router.c \
                api/src/http/cursor.c api/src/util/b64url.c api/src/util/hmac.c api/src/util/buf.c \
                api/src/util/json_out.c api/src/util/secure_random.c api/src/auth/jwt_token.c api/src/auth/jwt_keys.c
FUZZ_CFLAGS = -std=c11 -D_GNU_SOURCE -g -O1 -fno-omit-frame-pointer -fsanitize=fuzzer,address,undefined \
              -fno-sanitize-recover=undefined -Wall -Wextra -Werror -Iapi/src \
              $(shell pkg-config --cflags libcjson libjwt libsodium openssl 2>/dev/null)
FUZZ_LIBS = $(shell pkg-config --libs libcjson libjwt libsodium openssl 2>/dev/null) -lm
FUZZ_SMOKE_SECONDS ?= 5
FUZZ_SECONDS ?= 300

$(BUILD)/fuzz/%: tests/fuzz/%.c $(FUZZ_LIB_SRC) $(API_HDR) mk/90-resilience.mk
	@mkdir -p $(@D)
	clang $(FUZZ_CFLAGS) -o $@ $< $(FUZZ_LIB_SRC) $(FUZZ_LIBS)

.PHONY: fuzz-build fuzz test-resilience
fuzz-build: deps-api
	@$(ENSURE_APT) $(FUZZ_PKGS)
	@$(MAKE) --no-print-directory $(FUZZ_TARGETS)

fuzz: fuzz-build ## long libFuzzer runs (FUZZ_SECONDS per target, default 300), corpus kept in build/fuzz/corpus
	tests/fuzz/run.sh $(BUILD)/fuzz $(FUZZ_SECONDS) $(BUILD)/fuzz/corpus

TEST_SUITES += test-resilience
test-resilience: build fuzz-build ## three instances behind nginx: rolling restart, kill -9, slow clients, dependency restarts under load; fuzz smoke
	@$(ENSURE_APT) $(RESILIENCE_PKGS)
	@$(ENSURE_NPM) tests
	cd tests && node --test $(call node_reporters,test-resilience) --test-concurrency=1 $(patsubst tests/%,%,$(sort $(wildcard tests/resilience/*.test.mjs)))
	tests/fuzz/run.sh $(BUILD)/fuzz $(FUZZ_SMOKE_SECONDS)
