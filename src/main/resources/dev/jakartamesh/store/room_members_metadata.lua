-- KEYS: the room's members, connection-metadata
-- Returns {id1, json1, id2, json2, ...} for the members that are registered.
return members_with(KEYS[1], KEYS[2])
