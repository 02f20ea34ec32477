-- Soak mix as a random benchmark user: 70% GET /api/v1/notes, 20% POST /api/v1/notes, 10% GET /api/v1/pads,
-- with BENCH_DELAY_MS between requests on each connection (a steady load, not a saturating one).
package.path = os.getenv("BENCH_WRK_DIR") .. "/?.lua;" .. package.path
require("common")

function init(args)
  tokens = load_tokens()
  ok, bad, last_bad = 0, 0, 0
  n = 0
  pause = tonumber(os.getenv("BENCH_DELAY_MS") or "0")
  math.randomseed(os.time() + id)
end

function delay()
  return pause
end

function request()
  local t = tokens[math.random(#tokens)]
  local auth = { ["Authorization"] = "Bearer " .. t }
  local r = math.random(10)
  n = n + 1
  if r <= 7 then
    return wrk.format("GET", "/api/v1/notes?limit=20", auth)
  elseif r <= 9 then
    auth["Content-Type"] = "application/json"
    return wrk.format("POST", "/api/v1/notes", auth, string.format('{"name":"soak %d-%d","text":"soak"}', id, n))
  end
  return wrk.format("GET", "/api/v1/pads", auth)
end

function response(status, headers, body)
  count_status(status)
end
