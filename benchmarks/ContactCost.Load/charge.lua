-- wrk script: POST /api/wallets/$WALLET/charge of 0.01 with a new operation id on every request.
-- KEY=... WALLET=... wrk -t1 -c16 -d20s -s benchmarks/ContactCost.Load/charge.lua http://127.0.0.1:5080
local key = os.getenv("KEY")
local wallet = os.getenv("WALLET") or "load"
local thread = math.random(1, 1000000000)
local counter = 0

request = function()
  counter = counter + 1
  local body = string.format('{"operationId":"wrk-%d-%d","amount":0.01}', thread, counter)
  return wrk.format("POST", "/api/wallets/" .. wallet .. "/charge",
    { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. key }, body)
end

-- Any answer but 200 is counted by wrk as "Non-2xx"; a run with none charged every request.
