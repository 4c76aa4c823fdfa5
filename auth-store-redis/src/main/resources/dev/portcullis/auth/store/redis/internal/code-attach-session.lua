-- attachSession of an authorization code: KEYS[1] the code's hash, ARGV[1] now, ARGV[2] the
-- session id. Sets sid only for a live, used code whose sid is still '-' (no replay came first).
-- Replies {'1'} when set, {'0'} otherwise.
if redis.call('EXISTS', KEYS[1]) == 0 then return {'0'} end
if tonumber(ARGV[1]) >= tonumber(redis.call('HGET', KEYS[1], 'xu')) then return {'0'} end
if redis.call('HGET', KEYS[1], 'used') ~= '1' then return {'0'} end
if redis.call('HGET', KEYS[1], 'sid') ~= '-' then return {'0'} end
redis.call('HSET', KEYS[1], 'sid', ARGV[2])
return {'1'}
