-- KEYS: connection-metadata, rooms index, the room's members, the connection's rooms
-- ARGV: connection id, room name, '1' to return the members with their metadata,
--       the most rooms a connection may be in
-- Returns -1 when the connection is not registered, -2 when it is in that many other rooms
-- already; otherwise 1, or the members {id1, json1, ...} (the joiner included).
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then
  return -1
end
if redis.call('SISMEMBER', KEYS[4], ARGV[2]) == 0 and redis.call('SCARD', KEYS[4]) >= tonumber(ARGV[4]) then
  return -2
end
redis.call('SADD', KEYS[2], ARGV[2])
redis.call('SADD', KEYS[3], ARGV[1])
redis.call('SADD', KEYS[4], ARGV[2])
if ARGV[3] ~= '1' then
  return 1
end
return members_with(KEYS[3], KEYS[1])
