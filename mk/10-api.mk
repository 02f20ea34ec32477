# The C API: build (release and ASan+UBSan), unit tests (Criterion), integration tests (Node against real servers).
API_BUILD_PKGS := gcc make pkg-config libcivetweb-dev libjwt-dev libhiredis-dev libcjson-dev libsodium-dev \
                  libpq-dev libssl-dev
API_TEST_PKGS := libcriterion-dev postgresql-15 postgresql-client-15 redis-server redis-tools nodejs npm python3
API_PC := libjwt hiredis libcjson libsodium libpq openssl
API_SRC := $(shell find api/src -name '*.c' | sort)
API_HDR := $(shell find api/src -name '*.h')
API_LIB_SRC := $(filter-out api/src/main.c,$(API_SRC))
CC ?= gcc
API_WARN := -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -Wshadow -Wformat=2 -Wno-missing-field-initializers
API_HARDEN := -fstack-protector-strong -D_FORTIFY_SOURCE=2 -fPIE -fstack-clash-protection -fcf-protection
# The contract is embedded in the binary (GET /api/v1/openapi.yaml and .json; api/src/handlers/api_docs.c).
OPENAPI_JSON := $(BUILD)/gen/openapi.json
API_SPEC := $(ROOT)/openapi.yaml $(OPENAPI_JSON)
API_DEFS = -DNOTEJAM_VERSION='"$(VERSION)"' -DNOTEJAM_COMMIT='"$(COMMIT)"' -DNOTEJAM_BUILD_TIME='"$(BUILD_TIME)"' \
           -DNOTEJAM_OPENAPI_YAML='"$(ROOT)/openapi.yaml"' -DNOTEJAM_OPENAPI_JSON='"$(OPENAPI_JSON)"'
API_CFLAGS = $(API_WARN) -Iapi/src $(shell pkg-config --cflags $(API_PC) 2>/dev/null) $(API_DEFS)
API_LIBS = -lcivetweb $(shell pkg-config --libs $(API_PC) 2>/dev/null) -lpthread -lm
API_RELEASE_FLAGS := -O2 -g $(API_HARDEN) -pie -Wl,-z,relro,-z,now
API_ASAN_FLAGS := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined

.PHONY: deps-api build build-asan test-unit test-api test-api-asan lint-c install
deps-api: $(OPENAPI_JSON)
	@$(ENSURE_APT) $(API_BUILD_PKGS)

$(OPENAPI_JSON): openapi.yaml scripts/openapi-json.py
	@$(ENSURE_APT) python3-yaml
	@mkdir -p $(@D)
	/usr/bin/python3 scripts/openapi-json.py openapi.yaml > $@.tmp && mv $@.tmp $@

build: deps-api $(BUILD)/notejam ## build the API binary (build/notejam)
$(BUILD)/notejam: $(API_SRC) $(API_HDR) $(API_SPEC) mk/10-api.mk
	@mkdir -p $(@D)
	$(CC) $(API_CFLAGS) $(API_RELEASE_FLAGS) -o $@ $(API_SRC) $(API_LIBS)

build-asan: deps-api $(BUILD)/asan/notejam ## build the API with ASan+UBSan (build/asan/notejam)
$(BUILD)/asan/notejam: $(API_SRC) $(API_HDR) $(API_SPEC) mk/10-api.mk
	@mkdir -p $(@D)
	$(CC) $(API_CFLAGS) $(API_ASAN_FLAGS) -o $@ $(API_SRC) $(API_LIBS)

UNIT_SRC := $(sort $(wildcard tests/unit/*.c))
$(BUILD)/unit-tests: $(UNIT_SRC) $(API_LIB_SRC) $(API_HDR) $(API_SPEC) mk/10-api.mk
	@mkdir -p $(@D)
	$(CC) $(API_CFLAGS) $(API_ASAN_FLAGS) -o $@ $(UNIT_SRC) $(API_LIB_SRC) $(API_LIBS) -lcriterion

# The slot pool's tests once more under ThreadSanitizer; Criterion cannot start under TSan, so the file has a stand-in.
$(BUILD)/tsan/test-slot-pool: tests/unit/test_slot_pool.c api/src/store/slot_pool.c api/src/store/slot_pool.h mk/10-api.mk
	@mkdir -p $(@D)
	$(CC) $(API_WARN) -Iapi/src -O1 -g -fsanitize=thread -DSLOT_POOL_TSAN -o $@ $(filter %.c,$^) -lpthread

TEST_SUITES += test-unit
test-unit: deps-api ## unit tests of the pure C parts (Criterion, ASan+UBSan; the slot pool also under TSan)
	@$(ENSURE_APT) libcriterion-dev
	@$(MAKE) --no-print-directory $(BUILD)/unit-tests $(BUILD)/tsan/test-slot-pool
	$(BUILD)/unit-tests --jobs 2
	TSAN_OPTIONS=halt_on_error=1 $(BUILD)/tsan/test-slot-pool

# Files run one at a time in name order; zz-contract-coverage runs last and reads the shared coverage file.
API_TEST_FILES = $(sort $(wildcard tests/api/*.test.mjs))
define run_api_tests
	@$(ENSURE_APT) $(API_TEST_PKGS)
	@$(ENSURE_NPM) tests
	@cov=$$(mktemp /tmp/notejam-openapi-coverage.XXXXXX); trap 'rm -f "$$cov"' EXIT; \
	  cd tests && NOTEJAM_OPENAPI_COVERAGE=$$cov $(1) node --test $(call node_reporters,$(2)) --test-concurrency=1 $(patsubst tests/%,%,$(API_TEST_FILES))
endef

TEST_SUITES += test-api
test-api: build ## integration tests: every endpoint against real PostgreSQL and Redis, responses checked against openapi.yaml
	$(call run_api_tests,,test-api)

TEST_SUITES += test-api-asan
test-api-asan: build-asan ## the integration tests again on the ASan+UBSan build (leaks checked at exit)
	$(call run_api_tests,NOTEJAM_TEST_ASAN=1,test-api-asan)

TEST_SUITES += lint-c
lint-c: ## C formatting check (clang-format) and static analysis (cppcheck)
	@$(ENSURE_APT) clang-format cppcheck
	clang-format --dry-run --Werror $(API_SRC) $(API_HDR) $(wildcard tests/unit/*.c)
	cppcheck --quiet --error-exitcode=1 --enable=warning,portability --inline-suppr -Iapi/src api/src

install: build ## install the binary and migrations under $(DESTDIR)$(PREFIX)
	install -D -m 0755 $(BUILD)/notejam $(DESTDIR)$(PREFIX)/bin/notejam
	install -d $(DESTDIR)$(PREFIX)/share/notejam/migrations
	install -m 0644 api/migrations/*.sql $(DESTDIR)$(PREFIX)/share/notejam/migrations/
PREFIX ?= /usr/local
