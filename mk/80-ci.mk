# Delivery pipeline (GitLab CI/CD): `make test-ci` checks .gitlab-ci.yml and ci/ (see docs/ci-cd.md).
CI_TESTS := $(ROOT)/tests/ci

.PHONY: test-ci lint-sh
TEST_SUITES += test-ci
test-ci: ## pipeline: GitLab schema + MR/main/tag previews, structure rules, local job runs, CI scripts
	@$(ENSURE_APT) rsync shellcheck jq curl git
	@$(ENSURE_NPM) $(CI_TESTS)
	@cd $(CI_TESTS) && node --test --test-concurrency=1 --test-timeout=600000 $(call node_reporters,test-ci) *.test.mjs

lint-sh: ## shellcheck every tracked shell script (warnings and errors; "cannot follow source" notes excluded)
	@$(ENSURE_APT) shellcheck
	@git ls-files -z '*.sh' .ci/run | xargs -0 shellcheck -x -S warning -e SC1090,SC1091
	@echo "lint-sh: $$(git ls-files '*.sh' .ci/run | wc -l) scripts clean"

# Line coverage of the C sources under the unit tests (CI job test:coverage): a gcov build of the unit-test binary,
# then gcovr writes build/coverage/cobertura.xml and prints "lines: NN.N%" (the line GitLab's coverage regex reads).
COVERAGE_DIR := $(BUILD)/coverage
.PHONY: coverage
coverage: deps-api ## unit-test line coverage of api/src (build/coverage/cobertura.xml, summary on stdout)
	@$(ENSURE_APT) libcriterion-dev gcovr
	@rm -rf $(COVERAGE_DIR) && mkdir -p $(COVERAGE_DIR)
	$(CC) $(API_CFLAGS) -O0 -g --coverage -o $(COVERAGE_DIR)/unit-tests $(UNIT_SRC) $(API_LIB_SRC) $(API_LIBS) -lcriterion
	cd $(COVERAGE_DIR) && ./unit-tests --jobs 2
	gcovr --root $(ROOT) --filter '$(ROOT)/api/src/' --object-directory $(COVERAGE_DIR) \
	  --cobertura $(COVERAGE_DIR)/cobertura.xml --print-summary
