output "vpc_id" {
  description = "ID of the VPC."
  value       = aws_vpc.this.id
}

output "vpc_cidr_block" {
  description = "IPv4 CIDR of the VPC."
  value       = aws_vpc.this.cidr_block
}

output "azs" {
  description = "Availability zones used, in order (read from the region)."
  value       = local.azs
}

output "public_subnet_ids" {
  description = "Public subnet IDs, one per AZ (load balancers, NAT)."
  value       = [for az in local.azs : aws_subnet.public[az].id]
}

output "private_subnet_ids" {
  description = "Private subnet IDs, one per AZ (EKS nodes and pods)."
  value       = [for az in local.azs : aws_subnet.private[az].id]
}

output "database_subnet_ids" {
  description = "Database subnet IDs, one per AZ (RDS, ElastiCache)."
  value       = [for az in local.azs : aws_subnet.database[az].id]
}

output "public_subnet_cidrs" {
  description = "Public subnet CIDRs, one per AZ: where the ALB's ENIs are (the chart's networkPolicy.ingressCidrs)."
  value       = [for az in local.azs : aws_subnet.public[az].cidr_block]
}

output "database_subnet_cidrs" {
  description = "Database subnet CIDRs, one per AZ: where RDS and ElastiCache are (the chart's egress rules)."
  value       = [for az in local.azs : aws_subnet.database[az].cidr_block]
}

output "nat_gateway_ids" {
  description = "NAT gateway IDs (one per AZ, or one in total when single_nat_gateway)."
  value       = [for k, n in aws_nat_gateway.this : n.id]
}

output "flow_log_group_name" {
  description = "CloudWatch log group receiving the VPC flow logs."
  value       = aws_cloudwatch_log_group.flow_logs.name
}

output "settings" {
  description = "Effective availability settings, read back from the resources (for audits and the tests)."
  value = {
    azs                 = local.azs
    private_subnet_ids  = sort([for s in aws_subnet.private : s.id])
    public_subnet_azs   = sort([for s in aws_subnet.public : s.availability_zone])
    private_subnet_azs  = sort([for s in aws_subnet.private : s.availability_zone])
    database_subnet_azs = sort([for s in aws_subnet.database : s.availability_zone])
    nat_gateway_azs     = sort(keys(aws_nat_gateway.this))
    # private route table AZ => AZ of the NAT gateway it routes through
    private_route_nat_az                    = { for az, r in aws_route.private_nat : az => one([for naz, n in aws_nat_gateway.this : naz if n.id == r.nat_gateway_id]) }
    public_subnets_tagged_for_elb           = alltrue([for s in aws_subnet.public : s.tags["kubernetes.io/role/elb"] == "1" && s.tags["kubernetes.io/cluster/${var.cluster_name}"] == "shared"])
    private_subnets_tagged_for_internal_elb = alltrue([for s in aws_subnet.private : s.tags["kubernetes.io/role/internal-elb"] == "1" && s.tags["kubernetes.io/cluster/${var.cluster_name}"] == "shared"])
    database_subnets_without_internet       = length(aws_route_table_association.database) == length(local.azs)
    flow_log_traffic_type                   = aws_flow_log.this.traffic_type
    flow_log_retention_days                 = aws_cloudwatch_log_group.flow_logs.retention_in_days
  }
}
