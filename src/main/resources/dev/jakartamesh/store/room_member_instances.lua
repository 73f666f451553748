-- KEYS: the room's members, connections
-- Returns {id1, instance1, id2, instance2, ...} for the members that are registered.
return members_with(KEYS[1], KEYS[2])
