-- GET /api/v1/notes?limit=20 as a random benchmark user (20 newest notes).
package.path = os.getenv("BENCH_WRK_DIR") .. "/?.lua;" .. package.path
require("common")

-- Requests are formatted once per token in init(), so the client spends its CPU on HTTP, not on Lua (pgbench,
-- the other side of the ratio, is plain C).
function init(args)
  reqs = {}
  for i, t in ipairs(load_tokens()) do
    reqs[i] = wrk.format("GET", "/api/v1/notes?limit=20", { ["Authorization"] = "Bearer " .. t })
  end
  ok, bad, last_bad = 0, 0, 0
  math.randomseed(os.time() + id)
end

function request()
  return reqs[math.random(#reqs)]
end

function response(status, headers, body)
  count_status(status)
end
