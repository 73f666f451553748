-- KEYS: connection-metadata, rooms index, the room's members, the connection's rooms
-- ARGV: connection id, room name, '1' to return the members with their metadata
-- Returns -1 when the connection is not registered; otherwise 1, or the members
-- {id1, json1, ...} (the joiner included).
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then
  return -1
end
redis.call('SADD', KEYS[2], ARGV[2])
redis.call('SADD', KEYS[3], ARGV[1])
redis.call('SADD', KEYS[4], ARGV[2])
if ARGV[3] ~= '1' then
  return 1
end
return members_with_metadata(KEYS[3], KEYS[1])
