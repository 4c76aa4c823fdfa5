-- tryAcquire on a token bucket kept as the instant it is full again (GCRA).
-- KEYS[1] the bucket. ARGV: 1 now, 2 microseconds per permit, 3 burst (permits * interval).
-- Replies {1, remaining, 0} or {0, 0, retryAfter}.
local now = tonumber(ARGV[1])
local interval = tonumber(ARGV[2])
local burst = tonumber(ARGV[3])
local stored = redis.call('GET', KEYS[1])
local fullAt = now
if stored then fullAt = math.max(tonumber(stored), now) end
local nxt = fullAt + interval
if nxt - now > burst then
  return {'0', '0', string.format('%d', nxt - burst - now)}
end
redis.call('SET', KEYS[1], string.format('%d', nxt), 'PX', math.max(1, math.ceil((nxt - now) / 1000)))
return {'1', string.format('%d', math.floor((burst - (nxt - now)) / interval)), '0'}
