-- consume of an authorization code: KEYS[1] the code's hash, ARGV[1] now. Replies {'I'} for an
-- unknown or expired code, else {'D' (first redemption) or 'R' (replay), field, value...}. A replay
-- of a code whose session is not attached yet (sid '-') moves sid to '-replayed', so that
-- code-attach-session fails and the first redemption ends its session itself.
if redis.call('EXISTS', KEYS[1]) == 0 then return {'I'} end
if tonumber(ARGV[1]) >= tonumber(redis.call('HGET', KEYS[1], 'xu')) then return {'I'} end
local verdict = 'R'
if redis.call('HGET', KEYS[1], 'used') ~= '1' then
  redis.call('HSET', KEYS[1], 'used', '1')
  verdict = 'D'
elseif redis.call('HGET', KEYS[1], 'sid') == '-' then
  redis.call('HSET', KEYS[1], 'sid', '-replayed')
end
local all = redis.call('HGETALL', KEYS[1])
table.insert(all, 1, verdict)
return all
