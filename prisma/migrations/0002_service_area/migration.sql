-- The area where edits are accepted: the city boundary grown by a margin (metres).
-- Materialised per margin so that each write checks against a ready polygon.
CREATE TABLE service_area (
  margin_m INTEGER PRIMARY KEY CHECK (margin_m >= 0),
  geom     geometry(MultiPolygon, 4326) NOT NULL
);
