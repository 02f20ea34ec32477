-- Row count of every table of the application's schemas, as one JSON object {"schema.table": rows}.
-- Used for the backup manifest (inside the dump's snapshot) and to check a restore against it.
SELECT coalesce(json_object_agg(name, rows ORDER BY name), '{}')
FROM (
  SELECT format('%s.%s', n.nspname, c.relname) AS name,
         (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I.%I', n.nspname, c.relname),
                                              false, true, '')))[1]::text::bigint AS rows
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
    AND n.nspname NOT LIKE 'pg\_%'
) t;
