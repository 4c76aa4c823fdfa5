-- recordFailure: counts a checked password (even if its reservation expired or was cleared);
-- the failure that reaches max attempts locks the key. Replies {failures, lockedUntil or ''}.
s.pend[ARGV[9]] = nil
if not s.lu then
  s.f = s.f + 1
  if not s.we then s.we = now + window end
  if s.f >= max then
    s.n = s.n + 1
    s.lu = now + lockDuration(s.n)
    s.lle = s.lu
  end
end
save()
return {fmt(s.f), opt(s.lu)}
