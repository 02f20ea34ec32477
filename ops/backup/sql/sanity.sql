-- Referential sanity of a restored Notejam database: prints one line per problem, nothing when all is well.
SELECT format('%s notes whose user does not exist', count(*)) FROM notes n
 WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.id = n.user_id) HAVING count(*) > 0
UNION ALL
SELECT format('%s notes whose pad is missing or belongs to another user', count(*)) FROM notes n
 WHERE n.pad_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM pads p WHERE p.id = n.pad_id AND p.user_id = n.user_id)
 HAVING count(*) > 0
UNION ALL
SELECT format('%s pads whose user does not exist', count(*)) FROM pads p
 WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.id = p.user_id) HAVING count(*) > 0
UNION ALL
-- identity sequences must be ahead of the restored ids, or the next insert would collide
SELECT format('the id sequence of %s (%s) is behind its highest id (%s)', t.tab, coalesce(s.last_value, 0), t.top)
FROM (SELECT 'users' AS tab, (SELECT max(id) FROM users) AS top
      UNION ALL SELECT 'pads', (SELECT max(id) FROM pads)
      UNION ALL SELECT 'notes', (SELECT max(id) FROM notes)) t
JOIN pg_sequences s ON format('%I.%I', s.schemaname, s.sequencename) = pg_get_serial_sequence('public.' || t.tab, 'id')
WHERE t.top > coalesce(s.last_value, 0);
