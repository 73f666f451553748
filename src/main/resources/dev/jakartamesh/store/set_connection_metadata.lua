-- KEYS: connection-metadata
-- ARGV: connection id, metadata JSON
-- Writes only while the connection is registered (its metadata field exists), so a late write
-- cannot bring back a connection that was cleaned up.
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then
  return 0
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return 1
