# dev: the smallest copy of production's shape — same code, single NAT, no standby database, throw-away data.
environment = "dev"
region      = "eu-central-1"
dr_region   = "eu-west-1"

vpc_cidr           = "10.10.0.0/16"
az_count           = 3
single_nat_gateway = true
log_retention_days = 30

node_groups = {
  general = {
    instance_types = ["t3.large", "t3a.large"]
    capacity_type  = "SPOT"
    min_size       = 1
    desired_size   = 2
    max_size       = 4
  }
}
# Documentation range: replace with the office/VPN egress addresses.
eks_public_access_cidrs = ["203.0.113.0/24"]
eks_admin_role_names    = ["notejam-admins"]

database = {
  instance_class      = "db.t4g.micro"
  multi_az            = false
  deletion_protection = false
}

cache = {
  node_type               = "cache.t4g.micro"
  num_cache_clusters      = 2
  snapshot_retention_days = 1
}

# GOVERNANCE: the 3-year lock can be lifted with s3:BypassGovernanceRetention, so dev can be torn down.
backup = {
  lock_mode = "GOVERNANCE"
}

gitlab = {
  project_path = "notejam/notejam"
  deploy_refs  = [{ ref_type = "branch", ref = "main" }]
  infra_refs   = [{ ref_type = "branch", ref = "main" }]
}

secret_recovery_window_days = 7
throwaway                   = true

# No backup or restore-drill CronJobs in dev (charts/notejam/values-dev.yaml): their alerts are silenced.
backups_scheduled = false
