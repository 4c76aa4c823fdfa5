-- Merges a revocation into the one stored: the earliest revocation instant (the latest for a
-- user's not-before, which never moves back) and the latest keep-until.
-- KEYS[1] the entry. ARGV: 1 now, 2 at, 3 keepUntil, 4 '1' to keep the latest at.
-- Stored as '<at>|<keepUntil>' in microseconds. Replies {1} if stored, {0} if already over.
local now = tonumber(ARGV[1])
local at = tonumber(ARGV[2])
local keep = tonumber(ARGV[3])
local latest = ARGV[4] == '1'
if keep <= now then return {'0'} end
local old = redis.call('GET', KEYS[1])
if old then
  local oa, ok = string.match(old, '^(-?%d+)|(-?%d+)$')
  oa = tonumber(oa)
  ok = tonumber(ok)
  if ok and ok > now then
    if latest then at = math.max(at, oa) else at = math.min(at, oa) end
    keep = math.max(keep, ok)
  end
end
redis.call('SET', KEYS[1], string.format('%d|%d', at, keep), 'PX', math.max(1, math.ceil((keep - now) / 1000)))
return {'1'}
