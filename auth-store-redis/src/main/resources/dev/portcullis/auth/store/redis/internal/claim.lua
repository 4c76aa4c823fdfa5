-- Claims KEYS[1] for ARGV[1] unless it is taken: ARGV[2] the TTL in milliseconds. Replies {1} if
-- claimed, {0} if taken.
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return {'1'} end
return {'0'}
