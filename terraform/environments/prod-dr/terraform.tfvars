# prod-dr: production rebuilt in the DR region from the replicated data (see terraform/README.md, "Region failover").
# Pilot light: NOT applied before a failover (CI plans it weekly); the failover's first apply restores the database
# from the backup chosen below. Same account as prod; its state lives in the DR region.
environment = "prod-dr"
region      = "eu-west-1"
dr_region   = "eu-central-1"

vpc_cidr           = "10.40.0.0/16"
az_count           = 3
single_nat_gateway = false
log_retention_days = 365

# Created at failover with prod's shape: one node per AZ, then the Cluster Autoscaler grows it like prod.
node_groups = {
  general = {
    instance_types = ["m6i.large", "m5.large"]
    min_size       = 3
    desired_size   = 3
    max_size       = 12
  }
}
eks_public_access_cidrs = []
eks_admin_role_names    = ["notejam-admins"]

database = {
  instance_class          = "db.r6g.large"
  allocated_storage       = 50
  max_allocated_storage   = 500
  multi_az                = true
  deletion_protection     = true
  replicate_backups_to_dr = true
  # At failover set ONE of these (README): prod's automated backups replicated here (minutes of data loss)
  # restore_from_automated_backups_arn = "<arn of the replicated automated backups>"
  # or a recovery point from the notejam-prod-copies vault:
  # snapshot_identifier = "<recovery point ARN>"
}

cache = {
  node_type               = "cache.r6g.large"
  num_cache_clusters      = 3
  snapshot_retention_days = 7
}

backup = {
  lock_mode = "COMPLIANCE"
}

# The site's own name moves here at failover with `aws cloudfront associate-alias`: the certificate covers it
# already (alternative_names), so the move needs no apply (docs/disaster-recovery.md, step 6).
dns = {
  domain_name       = "dr.notejam.example.com"
  zone_id           = "Z0NOTEJAMEXAMPLE"
  alternative_names = ["notejam.example.com"]
}

gitlab = {
  project_path         = "notejam/notejam"
  create_oidc_provider = false
  deploy_refs          = [{ ref_type = "branch", ref = "main" }, { ref_type = "tag", ref = "v*" }]
  infra_refs           = [{ ref_type = "branch", ref = "main" }]
  plan_refs            = [{ ref_type = "branch", ref = "main" }, { ref_type = "tag", ref = "v*" }]
}

alarm_emails = ["oncall@example.com"]

# prod replicates its images here; this environment adopts those repositories instead of creating them.
adopt_replicated_repositories = true

# prod's registry, replicated here (adopt_replicated_repositories); the build role stays with prod.
registry = {
  owner = true
}
