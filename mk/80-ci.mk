# Delivery pipeline (GitLab CI/CD): `make test-ci` checks .gitlab-ci.yml and ci/ (see docs/ci-cd.md).
CI_TESTS := $(ROOT)/tests/ci

.PHONY: test-ci lint-sh
test-ci: ## pipeline: GitLab schema + MR/main/tag previews, structure rules, local job runs, CI scripts
	@$(ENSURE_APT) rsync shellcheck jq curl git
	@$(ENSURE_NPM) $(CI_TESTS)
	@cd $(CI_TESTS) && node --test --test-concurrency=1 --test-timeout=600000 *.test.mjs

lint-sh: ## shellcheck every tracked shell script (warnings and errors)
	@$(ENSURE_APT) shellcheck
	@git ls-files -z '*.sh' .ci/run | xargs -0 shellcheck -x -S warning
	@echo "lint-sh: $$(git ls-files '*.sh' .ci/run | wc -l) scripts clean"
