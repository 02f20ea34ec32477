# Region portability: production's root and tfvars planned in other regions, only region and dr_region changed.
# The mocked provider cannot know a region's zones, so each run feeds the data sources what that region reports.

run "us_east_1" {
  state_key = "us-east-1"

  variables {
    region    = "us-east-1"
    dr_region = "us-west-2"
  }

  override_data {
    target = module.network.data.aws_availability_zones.available
    values = { names = ["us-east-1f", "us-east-1e", "us-east-1d", "us-east-1c", "us-east-1b", "us-east-1a"] }
  }
  override_data {
    target = module.backup.data.aws_region.current
    values = { name = "us-east-1" }
  }
  override_data {
    target = module.backup.data.aws_region.dr
    values = { name = "us-west-2" }
  }
  override_data {
    target = module.web.data.aws_region.current
    values = { name = "us-east-1" }
  }
  override_data {
    target = module.observability.data.aws_region.current
    values = { name = "us-east-1" }
  }

  assert {
    condition     = tolist(output.settings.network.azs) == tolist(["us-east-1a", "us-east-1b", "us-east-1c"]) && output.settings.network.nat_gateway_azs == output.settings.network.azs
    error_message = "us-east-1: 3 zones of the region itself, each with its NAT gateway; got ${jsonencode(output.settings.network.azs)}."
  }
  assert {
    condition     = tolist(output.settings.cache.node_azs) == tolist(output.settings.network.azs) && output.settings.database.multi_az
    error_message = "us-east-1: Redis nodes spread over the region's zones and the database stays Multi-AZ."
  }
  assert {
    condition     = output.settings.backup.bucket.name == "notejam-prod-backup-111122223333-us-east-1" && output.settings.backup.dr_bucket.name == "notejam-prod-backup-111122223333-us-west-2"
    error_message = "us-east-1: backups in the region, replicated to a bucket in us-west-2."
  }
  assert {
    condition     = tolist(output.settings.registry.replication_destinations) == tolist(["us-west-2"]) && alltrue([for s in output.settings.secrets.secrets : tolist(s.replica_regions) == tolist(["us-west-2"])])
    error_message = "us-east-1: images and secrets replicate to us-west-2."
  }
}

run "ap_southeast_2" {
  state_key = "ap-southeast-2"

  variables {
    region    = "ap-southeast-2"
    dr_region = "ap-southeast-4"
  }

  override_data {
    target = module.network.data.aws_availability_zones.available
    values = { names = ["ap-southeast-2a", "ap-southeast-2b", "ap-southeast-2c"] }
  }
  override_data {
    target = module.backup.data.aws_region.current
    values = { name = "ap-southeast-2" }
  }
  override_data {
    target = module.backup.data.aws_region.dr
    values = { name = "ap-southeast-4" }
  }
  override_data {
    target = module.web.data.aws_region.current
    values = { name = "ap-southeast-2" }
  }
  override_data {
    target = module.observability.data.aws_region.current
    values = { name = "ap-southeast-2" }
  }

  assert {
    condition     = tolist(output.settings.network.azs) == tolist(["ap-southeast-2a", "ap-southeast-2b", "ap-southeast-2c"]) && output.settings.network.nat_gateway_azs == output.settings.network.azs
    error_message = "ap-southeast-2: 3 zones of the region itself, each with its NAT gateway; got ${jsonencode(output.settings.network.azs)}."
  }
  assert {
    condition     = output.settings.backup.dr_bucket.name == "notejam-prod-backup-111122223333-ap-southeast-4" && output.settings.backup.dr_bucket.object_lock.days == 1095
    error_message = "ap-southeast-2: backups replicated and locked in ap-southeast-4."
  }
  assert {
    condition     = tolist(output.settings.registry.replication_destinations) == tolist(["ap-southeast-4"]) && alltrue([for s in output.settings.secrets.secrets : tolist(s.replica_regions) == tolist(["ap-southeast-4"])])
    error_message = "ap-southeast-2: images and secrets replicate to ap-southeast-4."
  }
  assert {
    condition     = output.settings.cache.automatic_failover_enabled && output.settings.database.multi_az && length(output.settings.backup.plan_rules) == 2
    error_message = "ap-southeast-2: failover, Multi-AZ and the backup plan do not depend on the region."
  }
}
