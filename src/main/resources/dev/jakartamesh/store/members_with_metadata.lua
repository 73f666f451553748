-- Shared fragment: the members of a room set with their stored metadata, as a flat
-- array {id1, json1, id2, json2, ...}. Ids whose metadata is gone (a connection that is
-- no longer registered) are left out. HMGET runs in chunks to stay within Lua's stack.
local function members_with_metadata(members_key, metadata_key)
  local ids = redis.call('SMEMBERS', members_key)
  local out = {}
  local chunk_size = 500
  for first = 1, #ids, chunk_size do
    local chunk = {}
    for i = first, math.min(first + chunk_size - 1, #ids) do
      chunk[#chunk + 1] = ids[i]
    end
    local values = redis.call('HMGET', metadata_key, unpack(chunk))
    for i = 1, #chunk do
      if values[i] then
        out[#out + 1] = chunk[i]
        out[#out + 1] = values[i]
      end
    end
  end
  return out
end
