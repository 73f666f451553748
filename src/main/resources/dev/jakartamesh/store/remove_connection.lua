-- KEYS: connections, connection-metadata, the connection's rooms, rooms index, room-metadata,
--       instance connections
-- ARGV: connection id, room key head, room members key tail
-- Leaves every room (dropping a room from the index once it has neither members nor metadata),
-- then removes the registration and metadata. Running it twice changes nothing the second time.
-- Returns {1 if it was registered, room1, room2, ...}: the rooms it left.
local rooms = redis.call('SMEMBERS', KEYS[3])
for _, room in ipairs(rooms) do
  local members = ARGV[2] .. room .. ARGV[3]
  redis.call('SREM', members, ARGV[1])
  if redis.call('SCARD', members) == 0 and redis.call('HEXISTS', KEYS[5], room) == 0 then
    redis.call('SREM', KEYS[4], room)
  end
end
redis.call('DEL', KEYS[3])
redis.call('SREM', KEYS[6], ARGV[1])
redis.call('HDEL', KEYS[2], ARGV[1])
local result = {redis.call('HDEL', KEYS[1], ARGV[1])}
for _, room in ipairs(rooms) do
  result[#result + 1] = room
end
return result
