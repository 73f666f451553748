-- KEYS: the room's members, the connection's rooms, rooms index, room-metadata
-- ARGV: connection id, room name
-- Returns 1 when the connection was a member.
local removed = redis.call('SREM', KEYS[1], ARGV[1])
redis.call('SREM', KEYS[2], ARGV[2])
if redis.call('SCARD', KEYS[1]) == 0 and redis.call('HEXISTS', KEYS[4], ARGV[2]) == 0 then
  redis.call('SREM', KEYS[3], ARGV[2])
end
return removed
