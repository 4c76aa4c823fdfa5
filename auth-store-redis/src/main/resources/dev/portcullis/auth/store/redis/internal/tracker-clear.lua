-- clear: an operator's unlock. Replies {1} if anything mattered, else {0}.
local mattered = relevant() ~= nil
redis.call('DEL', key)
if mattered then return {1} end
return {0}
