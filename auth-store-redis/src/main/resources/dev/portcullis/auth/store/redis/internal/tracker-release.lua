-- release: gives a slot back without counting anything. Replies {}.
if not existed then return {} end
s.pend[ARGV[9]] = nil
save()
return {}
