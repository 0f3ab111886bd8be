-- The part a layer plays for the code (server/src/modules/layers/layer.roles.ts): the road ledger,
-- the boundary records, the parcels … Code asks for a layer by its role, never by its key, so a city
-- may rename or replace a layer. At most one layer plays each role.
ALTER TABLE layer ADD COLUMN role TEXT;
CREATE UNIQUE INDEX layer_role_key ON layer (role); -- NULLs are distinct: layers without a role are many

-- Existing cities: the built-in layers play the roles their keys name (new databases get them from builtin-layers.ts).
UPDATE layer SET role = key
WHERE key IN ('road_ledger', 'boundary_records', 'curve_mirrors', 'garbage_points', 'street_lights', 'disaster_history', 'parcels', 'facilities');
