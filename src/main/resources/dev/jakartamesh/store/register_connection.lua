-- KEYS: connections, connection-metadata, instance connections
-- ARGV: connection id, instance id, initial metadata JSON
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
redis.call('SADD', KEYS[3], ARGV[1])
return 1
