# The repository as a whole (tests/repo/): every file it names exists in it, its npm roots agree, tests poll through
# the one helper of each language.
.PHONY: test-repo
TEST_SUITES += test-repo

test-repo: ## the repository stands alone (every named path exists), npm roots agree, tests poll through tests/lib/wait.*
	@node --test $(call node_reporters,test-repo) tests/repo/
