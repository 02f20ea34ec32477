# Prepended to every *.tftest.hcl by tests/terraform/unit.sh (terraform test has no includes).
# The AWS provider is mocked: no credentials, no network. @REGION@/@DR_REGION@ come from the environment's tfvars.
mock_provider "aws" {
  source = "./tests/mocks"
  mock_data "aws_region" {
    defaults = { name = "@REGION@" }
  }
}

mock_provider "aws" {
  alias  = "dr"
  source = "./tests/mocks"
  mock_data "aws_region" {
    defaults = { name = "@DR_REGION@" }
  }
}

mock_provider "aws" {
  alias  = "global"
  source = "./tests/mocks"
  mock_data "aws_region" {
    defaults = { name = "us-east-1" }
  }
}

# Mocked providers cannot import: prod-dr adopts its replicated ECR repositories, so they are overridden.
override_resource {
  target = module.registry.aws_ecr_repository.this
  values = {
    arn            = "arn:aws:ecr:@REGION@:111122223333:repository/notejam"
    repository_url = "111122223333.dkr.ecr.@REGION@.amazonaws.com/notejam"
  }
}

