-- GET /api/v1/notes?limit=20 as a random benchmark user (20 newest notes).
package.path = os.getenv("BENCH_WRK_DIR") .. "/?.lua;" .. package.path
require("common")

function init(args)
  tokens = load_tokens()
  ok, bad, last_bad = 0, 0, 0
  math.randomseed(os.time() + id)
end

function request()
  local t = tokens[math.random(#tokens)]
  return wrk.format("GET", "/api/v1/notes?limit=20", { ["Authorization"] = "Bearer " .. t })
end

function response(status, headers, body)
  count_status(status)
end
