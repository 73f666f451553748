-- KEYS: the room's members, connections
-- Returns {id1, instance1, id2, instance2, ...} for the members that are registered.
local ids = redis.call('SMEMBERS', KEYS[1])
local out = {}
local chunk_size = 500
for first = 1, #ids, chunk_size do
  local chunk = {}
  for i = first, math.min(first + chunk_size - 1, #ids) do
    chunk[#chunk + 1] = ids[i]
  end
  local owners = redis.call('HMGET', KEYS[2], unpack(chunk))
  for i = 1, #chunk do
    if owners[i] then
      out[#out + 1] = chunk[i]
      out[#out + 1] = owners[i]
    end
  end
end
return out
