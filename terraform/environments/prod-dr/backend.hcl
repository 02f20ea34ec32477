# terraform init -backend-config=backend.hcl — a state bucket in the DR region (bootstrap run there too)
bucket       = "notejam-tfstate-prod-eu-west-1"
key          = "notejam/prod-dr/eu-west-1/terraform.tfstate"
region       = "eu-west-1"
encrypt      = true
use_lockfile = true
