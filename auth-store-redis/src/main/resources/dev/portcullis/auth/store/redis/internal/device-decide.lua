-- approve or deny a pending, unexpired device grant: KEYS[1] the grant, ARGV 1 now, 2 the user
-- code hash it must have, 3 the new status, then field, value pairs to set. Replies {1} or {0}.
if redis.call('EXISTS', KEYS[1]) == 0 then return {'0'} end
if redis.call('HGET', KEYS[1], 'uc') ~= ARGV[2] then return {'0'} end
if redis.call('HGET', KEYS[1], 'st') ~= 'PENDING' then return {'0'} end
if tonumber(ARGV[1]) >= tonumber(redis.call('HGET', KEYS[1], 'xu')) then return {'0'} end
local fields = {'st', ARGV[3]}
for i = 4, #ARGV do fields[#fields + 1] = ARGV[i] end
redis.call('HSET', KEYS[1], unpack(fields))
return {'1'}
