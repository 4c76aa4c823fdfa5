-- purge of a string entry whose value starts with its expiry: KEYS[1] the entry, ARGV[1] the
-- cutoff. Replies {1} if it expired before the cutoff and was deleted, else {0}.
local v = redis.call('GET', KEYS[1])
if not v then return {'0'} end
local exp = tonumber(string.match(v, '^(-?%d+)'))
if exp and exp < tonumber(ARGV[1]) then
  redis.call('DEL', KEYS[1])
  return {'1'}
end
return {'0'}
