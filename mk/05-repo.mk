# The repository as a whole: every file it names exists in it (tests/repo/).
.PHONY: test-repo
TEST_SUITES += test-repo

test-repo: ## the repository stands alone: every path named in code, docs and config exists in it
	@node --test $(call node_reporters,test-repo) tests/repo/
