-- POST /api/v1/notes {"name","text"} as a random benchmark user.
package.path = os.getenv("BENCH_WRK_DIR") .. "/?.lua;" .. package.path
require("common")

function init(args)
  tokens = load_tokens()
  ok, bad, last_bad = 0, 0, 0
  n = 0
  math.randomseed(os.time() + id)
end

function request()
  local t = tokens[math.random(#tokens)]
  n = n + 1
  local body = string.format('{"name":"bench %d-%d","text":"written by wrk thread %d, request %d"}', id, n, id, n)
  return wrk.format("POST", "/api/v1/notes",
    { ["Authorization"] = "Bearer " .. t, ["Content-Type"] = "application/json" }, body)
end

function response(status, headers, body)
  count_status(status)
end
