-- Deletes KEYS[1] if its string value is ARGV[1]. Replies {1} if deleted, else {0}.
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('DEL', KEYS[1])
  return {'1'}
end
return {'0'}
