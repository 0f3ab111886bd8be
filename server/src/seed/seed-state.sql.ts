export const seedStateSql = `
  SELECT (SELECT count(*)::int FROM feature) AS features, (SELECT completed_at FROM seed_state WHERE id = 1) AS completed_at`;

export const markSeededSql = `
  INSERT INTO seed_state (id, scale) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET scale = EXCLUDED.scale, completed_at = now()`;
