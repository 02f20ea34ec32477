# Container images (Dockerfile.api, Dockerfile.web) and the compose stack, built and run with podman
# (no Docker engine here). The base image debian:bookworm-slim is bootstrapped locally (docker/base-image.sh);
# its rootfs tarball is cached in .cache/images/.

.PHONY: images image-api image-web test-images
images: image-api image-web ## build the notejam-api and notejam-web images (podman, Docker format)

image-api:
	@$(ROOT)/docker/build-image.sh api

image-web:
	@$(ROOT)/docker/build-image.sh web

TEST_SUITES += test-images
test-images: ## lint the container files, build both images, smoke-test them and the compose stack
	@$(ENSURE_NPM) tests/images
	@$(ROOT)/tests/images/run.sh
