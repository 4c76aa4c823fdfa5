-- Creates a hash unless its key exists: KEYS[1], ARGV 1 the TTL in milliseconds, then field,
-- value pairs. Replies {1} if created, {0} if the key existed (nothing changes).
if redis.call('EXISTS', KEYS[1]) == 1 then return {'0'} end
local fields = {}
for i = 2, #ARGV do fields[#fields + 1] = ARGV[i] end
redis.call('HSET', KEYS[1], unpack(fields))
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return {'1'}
