-- Least privilege: the API and the backups get their own roles instead of the user that owns the schema (the
-- migrator). notejam_api may read and write rows of the application's tables, nothing else (no DDL, no
-- schema_migrations); notejam_backup may only read. CONNECT comes from PUBLIC's default (or the provisioning). Both are created NOLOGIN when missing (local stacks, tests);
-- where they log in (AWS), ops/backup/provision-roles.sh creates them with their passwords before migrations run.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'notejam_api') THEN
        CREATE ROLE notejam_api NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'notejam_backup') THEN
        CREATE ROLE notejam_backup NOLOGIN;
    END IF;
END $$;

GRANT USAGE ON SCHEMA public TO notejam_api, notejam_backup;
GRANT SELECT, INSERT, UPDATE, DELETE ON users, pads, notes, password_resets TO notejam_api;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO notejam_backup;
GRANT SELECT ON ALL SEQUENCES IN SCHEMA public TO notejam_backup;

-- Tables later migrations create (always as the migrator): the API may use their rows, backups read them.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO notejam_api;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO notejam_backup;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON SEQUENCES TO notejam_backup;
