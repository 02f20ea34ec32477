# prod: every AZ carries its own NAT and a database standby; data is locked for 3 years and copied to eu-west-1.
environment = "prod"
region      = "eu-central-1"
dr_region   = "eu-west-1"

vpc_cidr           = "10.30.0.0/16"
az_count           = 3
single_nat_gateway = false
log_retention_days = 365

# 3 nodes (one per AZ) at rest, up to 12 for 4x event traffic.
node_groups = {
  general = {
    instance_types = ["m6i.large", "m5.large"]
    min_size       = 3
    desired_size   = 3
    max_size       = 12
  }
}
# Private API endpoint only: deploys go through the GitLab agent or a runner inside the VPC.
eks_public_access_cidrs = []
eks_admin_role_names    = ["notejam-admins"]

database = {
  instance_class          = "db.r6g.large"
  allocated_storage       = 50
  max_allocated_storage   = 500
  multi_az                = true
  deletion_protection     = true
  replicate_backups_to_dr = true
}

cache = {
  node_type               = "cache.r6g.large"
  num_cache_clusters      = 3
  snapshot_retention_days = 7
}

backup = {
  lock_mode = "COMPLIANCE"
}

# The zone must exist (and be delegated) before the first apply: the certificates validate through it.
dns = {
  domain_name = "notejam.example.com"
  zone_id     = "Z0NOTEJAMEXAMPLE"
}

gitlab = {
  project_path = "notejam/notejam"
  deploy_refs  = [{ ref_type = "branch", ref = "main" }, { ref_type = "tag", ref = "v*" }]
  infra_refs   = [{ ref_type = "branch", ref = "main" }]
  # release tags too: a tag pipeline's infra:output:prod reads the helm values prod's deploy takes
  plan_refs = [{ ref_type = "branch", ref = "main" }, { ref_type = "tag", ref = "v*" }]
}

alarm_emails = ["oncall@example.com"]

# The one registry of every environment (images, chart, CI builder image) and the build role live here.
registry = {
  owner = true
}
