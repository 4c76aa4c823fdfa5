-- The state of one login key at the caller's instant, shared by every tracker script.
-- KEYS[1] the key's hash. ARGV: 1 now, 2 max attempts, 3 window, 4 lockout memory (0 unless
-- progressive), 5 lock duration, 6 increment (0 unless progressive), 7 max duration (all
-- microseconds), 8 the login key itself (kept for activeLockouts), 9 a reservation id or ''.
-- Fields: f failures, we window end, lu locked until, n consecutive locks, lle last lock end,
-- k the login key, r:<id> a reservation's expiry.
local key = KEYS[1]
local now = tonumber(ARGV[1])
local max = tonumber(ARGV[2])
local window = tonumber(ARGV[3])
local memory = tonumber(ARGV[4])
local function fmt(x) return string.format('%d', x) end
local function opt(x) if x then return fmt(x) end return '' end
local function later(a, b)
  if not a then return b end
  if not b then return a end
  if a > b then return a end
  return b
end

local s = {f = 0, n = 0, pend = {}, k = ARGV[8]}
local raw = redis.call('HGETALL', key)
for i = 1, #raw, 2 do
  local field, v = raw[i], raw[i + 1]
  if string.sub(field, 1, 2) == 'r:' then
    s.pend[string.sub(field, 3)] = tonumber(v)
  elseif field == 'k' then
    s.k = v
  else
    s[field] = tonumber(v)
  end
end
local existed = #raw > 0

-- Ended locks, windows, reservations and lockout memory are forgotten.
if s.lu and now >= s.lu then s.lu = nil; s.f = 0; s.we = nil end
if (not s.lu) and s.we and now >= s.we then s.f = 0; s.we = nil end
if (not s.lu) and s.lle and now >= s.lle + memory then s.n = 0; s.lle = nil end
for id, u in pairs(s.pend) do
  if now >= u then s.pend[id] = nil end
end

local function pending()
  local count, soonest = 0, nil
  for _, u in pairs(s.pend) do
    count = count + 1
    if not soonest or u < soonest then soonest = u end
  end
  return count, soonest
end

-- Until when anything in the state matters, or nil.
local function relevant()
  local untilT = later(s.we, s.lu)
  if s.lle and s.n > 0 and memory > 0 then untilT = later(untilT, s.lle + memory) end
  for _, u in pairs(s.pend) do untilT = later(untilT, u) end
  if untilT and now < untilT then return untilT end
  return nil
end

-- Writes the state back, or deletes the key when nothing matters any longer. The TTL is only
-- housekeeping: every decision compares the stored instants with the caller's now.
local function save()
  redis.call('DEL', key)
  local untilT = relevant()
  if not untilT then return end
  local args = {'k', s.k, 'f', fmt(s.f), 'n', fmt(s.n)}
  if s.we then table.insert(args, 'we'); table.insert(args, fmt(s.we)) end
  if s.lu then table.insert(args, 'lu'); table.insert(args, fmt(s.lu)) end
  if s.lle then table.insert(args, 'lle'); table.insert(args, fmt(s.lle)) end
  for id, u in pairs(s.pend) do table.insert(args, 'r:' .. id); table.insert(args, fmt(u)) end
  redis.call('HSET', key, unpack(args))
  redis.call('PEXPIRE', key, math.max(1, math.ceil((untilT - now) / 1000)))
end

local function lockDuration(n)
  local d = tonumber(ARGV[5]) + (n - 1) * tonumber(ARGV[6])
  local cap = tonumber(ARGV[7])
  if d > cap then return cap end
  return d
end
