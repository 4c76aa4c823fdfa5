-- recordSuccess: failures and lockout history go; a lock set meanwhile stays. Replies {}.
if not existed then return {} end
s.pend[ARGV[9]] = nil
s.f = 0
s.we = nil
s.n = 0
s.lle = s.lu
save()
return {}
