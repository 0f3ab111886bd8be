-- The basemap's reference layers (buildings, railways, rivers) get roles like the parcels and facilities
-- (server/src/modules/layers/layer.roles.ts), so the web's basemap asks for them by role, not by key.
-- Existing cities: the built-in layers play the roles their keys name, unless another layer plays them.
UPDATE layer SET role = key
WHERE key IN ('buildings', 'railways', 'rivers') AND role IS NULL
  AND NOT EXISTS (SELECT 1 FROM layer other WHERE other.role = layer.key);
