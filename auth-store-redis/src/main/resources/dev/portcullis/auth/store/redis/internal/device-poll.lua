-- A device's poll (RFC 8628 section 3.5), the rule of DeviceGrant.poll in one step:
-- KEYS[1] the grant, ARGV 1 now (microseconds), 2 tolerance, 3 now as ISO-8601 text, 4 the
-- slow-down step. Replies {'I'} | {'E'} | {'S', interval} | {'P', interval} | {'D'} |
-- {'A', field, value...} (the grant, now consumed). Field sd is '1' while the last poll was
-- answered slow_down: a further early poll repeats the interval instead of growing it again.
local k = KEYS[1]
if redis.call('EXISTS', k) == 0 then return {'I'} end
local st = redis.call('HGET', k, 'st')
if st == 'CONSUMED' then return {'I'} end
local now = tonumber(ARGV[1])
local iu = tonumber(redis.call('HGET', k, 'iu'))
local lu = redis.call('HGET', k, 'lu')
if now >= tonumber(redis.call('HGET', k, 'xu')) then
  redis.call('HSET', k, 'lu', ARGV[1], 'last', ARGV[3], 'sd', '0')
  return {'E'}
end
if lu and now < tonumber(lu) + iu - tonumber(ARGV[2]) then
  if redis.call('HGET', k, 'sd') ~= '1' then iu = iu + tonumber(ARGV[4]) end
  redis.call('HSET', k, 'iu', string.format('%d', iu), 'lu', ARGV[1], 'last', ARGV[3], 'sd', '1')
  return {'S', string.format('%d', iu)}
end
redis.call('HSET', k, 'lu', ARGV[1], 'last', ARGV[3], 'sd', '0')
if st == 'PENDING' then return {'P', string.format('%d', iu)} end
if st == 'DENIED' then return {'D'} end
redis.call('HSET', k, 'st', 'CONSUMED')
local all = redis.call('HGETALL', k)
table.insert(all, 1, 'A')
return all
