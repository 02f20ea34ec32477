-- GET /api/v1/notes?limit=20&q=<word> as a random benchmark user, the word drawn from WORDS (the same list as
-- bench/pgbench/search_notes.sql; bench.mjs checks that they agree). Rare, rare (3-4 hex digits) and common
-- (2 hex digits, "note" in every name) words.
package.path = os.getenv("BENCH_WRK_DIR") .. "/?.lua;" .. package.path
require("common")

WORDS = { "a1b", "ff0", "note", "c3", "9e7", "b0d", "42", "e5f1", "d8", "7a", "0c0", "f9", "beef", "1d2", "6b", "a0" }

function init(args)
  reqs = {}
  for _, t in ipairs(load_tokens()) do
    for _, w in ipairs(WORDS) do
      reqs[#reqs + 1] = wrk.format("GET", "/api/v1/notes?limit=20&q=" .. w, { ["Authorization"] = "Bearer " .. t })
    end
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
