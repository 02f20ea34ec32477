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


# Certificates validate through Route 53 (modules/web/dns.tf looks each name's record up by domain_name):
# validation options for every name the environments' tfvars use.
override_resource {
  target = module.web.aws_acm_certificate.site
  values = {
    arn = "arn:aws:acm:us-east-1:111122223333:certificate/00000000-0000-0000-0000-00000000000a"
    domain_validation_options = [for n in ["notejam.example.com", "dr.notejam.example.com"] :
    { domain_name = n, resource_record_name = "_v.${n}.", resource_record_type = "CNAME", resource_record_value = "_v.acm-validations.aws." }]
  }
}
override_resource {
  target = module.web.aws_acm_certificate.origin
  values = {
    arn = "arn:aws:acm:@REGION@:111122223333:certificate/00000000-0000-0000-0000-00000000000b"
    domain_validation_options = [for n in ["origin.notejam.example.com", "origin.dr.notejam.example.com"] :
    { domain_name = n, resource_record_name = "_v.${n}.", resource_record_type = "CNAME", resource_record_value = "_v.acm-validations.aws." }]
  }
}
