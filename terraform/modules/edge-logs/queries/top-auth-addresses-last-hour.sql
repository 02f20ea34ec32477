-- Client addresses with the most requests to /api/v1/auth/* in the last hour (CloudFront's c-ip: the address the
-- WAF counts and the API reads from X-Forwarded-For). Many addresses with few requests each: a botnet.
SELECT c_ip,
       count(*) AS requests,
       count_if(sc_status = '429') AS limited,
       count_if(sc_status = '403') AS blocked,
       count_if(sc_status = '401') AS wrong_password,
       approx_distinct(user_agent) AS user_agents
FROM ${table}
WHERE distribution = '${distribution}'
  AND hour >= date_format(current_timestamp - INTERVAL '1' HOUR, '%Y/%m/%d/%H')
  AND cs_uri_stem LIKE '/api/v1/auth/%'
  AND from_iso8601_timestamp(date || 'T' || time || 'Z') >= current_timestamp - INTERVAL '1' HOUR
GROUP BY c_ip
ORDER BY requests DESC
LIMIT 50
