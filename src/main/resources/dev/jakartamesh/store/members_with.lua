-- Shared fragment: the members of a room set with each one's field in a hash, as a flat array
-- {id1, value1, id2, value2, ...}. Ids without a field (a connection that is no longer
-- registered) are left out. HMGET runs in chunks to stay within Lua's stack.
local function members_with(members_key, hash_key)
  local ids = redis.call('SMEMBERS', members_key)
  local out = {}
  local chunk_size = 500
  for first = 1, #ids, chunk_size do
    local chunk = {}
    for i = first, math.min(first + chunk_size - 1, #ids) do
      chunk[#chunk + 1] = ids[i]
    end
    local values = redis.call('HMGET', hash_key, unpack(chunk))
    for i = 1, #chunk do
      if values[i] then
        out[#out + 1] = chunk[i]
        out[#out + 1] = values[i]
      end
    end
  end
  return out
end
