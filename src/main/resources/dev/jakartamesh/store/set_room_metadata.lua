-- KEYS: room-metadata, rooms index, the room's members
-- ARGV: room name, metadata JSON ('' deletes), mode ('set' or 'nx': only when absent)
-- A room stays in the index while it has members or metadata.
if ARGV[2] == '' then
  redis.call('HDEL', KEYS[1], ARGV[1])
  if redis.call('EXISTS', KEYS[3]) == 0 then
    redis.call('SREM', KEYS[2], ARGV[1])
  end
  return 1
end
local written
if ARGV[3] == 'nx' then
  written = redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2])
else
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
  written = 1
end
redis.call('SADD', KEYS[2], ARGV[1])
return written
