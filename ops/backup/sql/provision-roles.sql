-- The database roles of Notejam, created or updated by the master user (the only place it is used). Run by
-- provision-roles.sh with psql variables: dbname, and migrate_verifier, api_verifier, backup_verifier (SCRAM
-- verifiers computed from the passwords client-side, so no password reaches the server's statement log).
--   notejam_migrate  owns the schema: runs `notejam migrate` (DDL), nothing outside this database
--   notejam_api      rows of the application's tables (grants: api/migrations/0002_least_privilege_roles.sql)
--   notejam_backup   read-only (pg_dump)
SELECT format('CREATE ROLE %I', r)
  FROM unnest(ARRAY['notejam_migrate', 'notejam_api', 'notejam_backup']) AS r
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = r) \gexec
ALTER ROLE notejam_migrate LOGIN NOCREATEDB NOCREATEROLE PASSWORD :'migrate_verifier';
ALTER ROLE notejam_api LOGIN NOCREATEDB NOCREATEROLE PASSWORD :'api_verifier';
ALTER ROLE notejam_backup LOGIN NOCREATEDB NOCREATEROLE PASSWORD :'backup_verifier';
GRANT CONNECT ON DATABASE :"dbname" TO notejam_migrate, notejam_api, notejam_backup;
GRANT USAGE, CREATE ON SCHEMA public TO notejam_migrate;
-- Migrations create trusted extensions (0003: pg_trgm, unaccent, btree_gin), which needs CREATE on the database.
GRANT CREATE ON DATABASE :"dbname" TO notejam_migrate;
-- The master user may hand objects to notejam_migrate (and read them in the restore tools) only as a member.
GRANT notejam_migrate TO current_user;
-- Objects created before the roles existed (by the master user) move to the migrator, which migrations run as.
SELECT format('ALTER TABLE public.%I OWNER TO notejam_migrate', tablename)
  FROM pg_tables WHERE schemaname = 'public' AND tableowner <> 'notejam_migrate' \gexec
