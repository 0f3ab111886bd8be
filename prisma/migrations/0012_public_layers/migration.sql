-- The public map (公開型GIS, issue 14): an administrator publishes a layer; /public shows it without a
-- login, with its unrestricted fields only. Nothing is published until an administrator says so.
ALTER TABLE layer ADD COLUMN published BOOLEAN NOT NULL DEFAULT false;
