# terraform init -backend-config=backend.hcl (bucket created once by terraform/bootstrap)
bucket       = "notejam-tfstate-dev-eu-central-1"
key          = "notejam/dev/eu-central-1/terraform.tfstate"
region       = "eu-central-1"
encrypt      = true
use_lockfile = true
