-- reserve: a slot for one password check, unless the key is locked or every remaining attempt is
-- in flight. Replies {'G'} | {'L', failures, lockedUntil} | {'B', failures, retryAt}.
if s.lu then
  save()
  return {'L', fmt(s.f), fmt(s.lu)}
end
local count, soonest = pending()
if s.f + count >= max then
  save()
  -- Checks in flight normally finish within moments; a slot is certain to be free at the
  -- soonest reservation's expiry.
  local retry = math.min(soonest or (now + window), now + 1000000)
  return {'B', fmt(s.f), fmt(retry)}
end
s.pend[ARGV[9]] = now + window
save()
return {'G'}
