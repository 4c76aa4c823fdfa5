-- purge of a hash whose field xu holds its expiry: KEYS[1], ARGV[1] the cutoff. Replies
-- {1, field uc or ''} if it expired before the cutoff and was deleted, else {0}.
local xu = redis.call('HGET', KEYS[1], 'xu')
if xu and tonumber(xu) < tonumber(ARGV[1]) then
  local uc = redis.call('HGET', KEYS[1], 'uc')
  redis.call('DEL', KEYS[1])
  return {'1', uc or ''}
end
return {'0'}
