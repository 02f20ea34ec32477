-- Facts for the backup manifest, read inside the dump's snapshot: the data's point in time, the schema version
-- (highest applied migration, when the schema_migrations table exists) and the server version.
SELECT json_build_object(
  'created_at', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
  'created_unix', floor(extract(epoch FROM now()))::bigint,
  'schema_version', CASE WHEN to_regclass('public.schema_migrations') IS NOT NULL THEN
      (xpath('/row/v/text()', query_to_xml('SELECT max(version)::text AS v FROM public.schema_migrations',
                                           false, true, '')))[1]::text END,
  'server_version', current_setting('server_version'),
  'database', current_database());
