# test: production's topology (Multi-AZ database, NAT per AZ) at a smaller size, for release candidates.
environment = "test"
region      = "eu-central-1"
dr_region   = "eu-west-1"

vpc_cidr           = "10.20.0.0/16"
az_count           = 3
single_nat_gateway = false
log_retention_days = 90

node_groups = {
  general = {
    instance_types = ["m6i.large", "m5.large"]
    capacity_type  = "SPOT"
    min_size       = 2
    desired_size   = 2
    max_size       = 8
  }
}
eks_public_access_cidrs = ["203.0.113.0/24"]
eks_admin_role_names    = ["notejam-admins"]

database = {
  instance_class      = "db.t4g.medium"
  multi_az            = true
  deletion_protection = false
}

cache = {
  node_type               = "cache.t4g.small"
  num_cache_clusters      = 2
  snapshot_retention_days = 1
}

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
