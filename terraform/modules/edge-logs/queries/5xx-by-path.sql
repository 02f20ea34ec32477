-- Responses with status 5xx in the last 24 hours by path and status: 502/504 from CloudFront mean the ALB or the
-- pods did not answer, 500/503 come from the API itself.
SELECT cs_uri_stem AS path,
       sc_status AS status,
       count(*) AS responses,
       min(date || ' ' || time) AS first_seen,
       max(date || ' ' || time) AS last_seen
FROM ${table}
WHERE distribution = '${distribution}'
  AND hour >= date_format(current_timestamp - INTERVAL '24' HOUR, '%Y/%m/%d/%H')
  AND sc_status LIKE '5%'
GROUP BY cs_uri_stem, sc_status
ORDER BY responses DESC
LIMIT 100
