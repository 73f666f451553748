-- KEYS: connection-metadata
-- ARGV: connection id, expected JSON, new JSON
-- Returns {1} when written, {0, current} when the stored value is not the expected one,
-- and {-1} when the connection is not registered.
local current = redis.call('HGET', KEYS[1], ARGV[1])
if not current then
  return {-1}
end
if current ~= ARGV[2] then
  return {0, current}
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
return {1}
