output "bucket_name" {
  description = "Log bucket; the ALB writes under alb/ (pass as its access log bucket once the policy exists)."
  value       = module.bucket.id
  depends_on  = [module.bucket]
}

output "alb_prefix" {
  description = "Prefix of the ALB's access logs in the bucket."
  value       = local.alb_prefix
}

output "athena" {
  description = "Where to run the saved queries: workgroup, database, table, query names."
  value = {
    workgroup = aws_athena_workgroup.edge.name
    database  = aws_glue_catalog_database.edge.name
    table     = aws_glue_catalog_table.cloudfront.name
    queries   = [for q in aws_athena_named_query.this : q.name]
  }
}

output "settings" {
  description = "Effective edge-log settings, read back from the resources."
  value = {
    bucket            = module.bucket.settings
    cloudfront_source = aws_cloudwatch_log_delivery_source.cloudfront.resource_arn
    cloudfront_log    = aws_cloudwatch_log_delivery_source.cloudfront.log_type
    cloudfront_format = aws_cloudwatch_log_delivery_destination.bucket.output_format
    cloudfront_fields = aws_cloudwatch_log_delivery.cloudfront.record_fields
    cloudfront_dest   = one(aws_cloudwatch_log_delivery_destination.bucket.delivery_destination_configuration[*].destination_resource_arn)
    cloudfront_suffix = one(aws_cloudwatch_log_delivery.cloudfront.s3_delivery_configuration[*].suffix_path)
    table_columns     = [for c in aws_glue_catalog_table.cloudfront.storage_descriptor[0].columns : c.name]
    table_mapping     = aws_glue_catalog_table.cloudfront.storage_descriptor[0].ser_de_info[0].parameters
    table_location    = aws_glue_catalog_table.cloudfront.parameters["storage.location.template"]
    projection_range  = aws_glue_catalog_table.cloudfront.parameters["projection.hour.range"]
    scan_cutoff_bytes = aws_athena_workgroup.edge.configuration[0].bytes_scanned_cutoff_per_query
    results_location  = aws_athena_workgroup.edge.configuration[0].result_configuration[0].output_location
    queries           = { for k, q in aws_athena_named_query.this : k => q.query }
  }
}
