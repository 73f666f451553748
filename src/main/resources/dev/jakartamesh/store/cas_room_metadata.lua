-- KEYS: room-metadata, rooms index
-- ARGV: room name, expected JSON ('' when none is expected), new JSON
-- Returns {1} when written, or {0, current} ('' for none) when the stored value changed.
local current = redis.call('HGET', KEYS[1], ARGV[1]) or ''
if current ~= ARGV[2] then
  return {0, current}
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
redis.call('SADD', KEYS[2], ARGV[1])
return {1}
