-- Who may read a layer: NULL = all staff; otherwise {"departments": [...], "users": [...]}.
-- Editors of the layer and administrators always read it (server/src/modules/auth/permissions.ts).
ALTER TABLE layer ADD COLUMN read_access JSONB;

-- Existing cities get the built-in personal-data defaults (new databases get them from builtin-layers.ts):
-- boundary witnesses (立会者) for 道路管理課, disaster details for 危機管理室, besides each layer's editors.
UPDATE layer l SET fields = (
  SELECT jsonb_agg(CASE WHEN e.f->>'key' = ANY(r.keys) AND NOT e.f ? 'restricted'
    THEN e.f || jsonb_build_object('restricted', jsonb_build_object('departments', jsonb_build_array(r.department), 'users', '[]'::jsonb))
    ELSE e.f END ORDER BY e.n)
  FROM jsonb_array_elements(l.fields) WITH ORDINALITY AS e(f, n))
FROM (VALUES ('boundary_records', ARRAY['witnesses'], 'roads'), ('disaster_history', ARRAY['damage_summary', 'response'], 'disaster')) AS r(layer_key, keys, department)
WHERE l.key = r.layer_key AND jsonb_array_length(l.fields) > 0;
