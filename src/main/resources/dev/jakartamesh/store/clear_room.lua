-- KEYS: the room's members, rooms index, room-metadata
-- ARGV: room name, connection rooms key head, connection rooms key tail
-- Removes every member (and the room from each member's set), the metadata, and the index entry.
-- Returns {1 if metadata existed, 1 if the room was indexed, member1, member2, ...}.
local ids = redis.call('SMEMBERS', KEYS[1])
for _, id in ipairs(ids) do
  redis.call('SREM', ARGV[2] .. id .. ARGV[3], ARGV[1])
end
redis.call('DEL', KEYS[1])
local had_metadata = redis.call('HDEL', KEYS[3], ARGV[1])
local indexed = redis.call('SREM', KEYS[2], ARGV[1])
local result = {had_metadata, indexed}
for _, id in ipairs(ids) do
  result[#result + 1] = id
end
return result
