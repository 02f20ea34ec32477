-- Shared by the wrk scripts: access tokens from the file named by BENCH_TOKENS (one per line), a random one per
-- request, and per-thread status counters reported by done() as a JSON line (wrk's own totals hide statuses).
local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function load_tokens()
  local list = {}
  for line in io.lines(os.getenv("BENCH_TOKENS")) do
    if #line > 0 then list[#list + 1] = line end
  end
  return list
end

function count_status(status)
  if status >= 200 and status < 300 then ok = ok + 1 else bad = bad + 1; last_bad = status end
end

function done(summary, latency, requests)
  local ok_total, bad_total, last = 0, 0, 0
  for _, t in ipairs(threads) do
    ok_total = ok_total + t:get("ok")
    bad_total = bad_total + t:get("bad")
    if t:get("last_bad") ~= 0 then last = t:get("last_bad") end
  end
  io.write(string.format('WRKJSON {"requests":%d,"duration_us":%d,"ok":%d,"bad":%d,"last_bad":%d,' ..
    '"p50_us":%d,"p90_us":%d,"p99_us":%d,"max_us":%d,"connect_errors":%d,"read_errors":%d,"write_errors":%d,"timeouts":%d}\n',
    summary.requests, summary.duration, ok_total, bad_total, last,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout))
end
