-- markUsed: KEYS[1] the key. ARGV: 1 now, 2 expiresAt. Replies {1} the first time (or once the
-- remembered use expired), {0} while it is remembered.
local now = tonumber(ARGV[1])
local old = redis.call('GET', KEYS[1])
if old and tonumber(old) > now then return {'0'} end
local exp = tonumber(ARGV[2])
redis.call('SET', KEYS[1], ARGV[2], 'PX', math.max(1, math.ceil((exp - now) / 1000)))
return {'1'}
