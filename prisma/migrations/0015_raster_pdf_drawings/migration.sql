-- Raster sheets (issue 19), continued.
-- A sheet may be one page of a PDF, rendered to PNG at a chosen dpi: the PDF is kept as the original
-- (for download), the rendered page beside it is what is placed and tiled.
ALTER TABLE raster_sheet DROP CONSTRAINT IF EXISTS raster_sheet_format_check;
ALTER TABLE raster_sheet ADD CONSTRAINT raster_sheet_format_check CHECK (format IN ('png', 'jpeg', 'tiff', 'pdf'));
ALTER TABLE raster_sheet ADD COLUMN pdf_page INTEGER CHECK (pdf_page > 0);
ALTER TABLE raster_sheet ADD COLUMN pdf_dpi INTEGER CHECK (pdf_dpi > 0);
-- The boundary record (境界確定) a placed drawing (境界確定図) belongs to: the record panel shows it over the record's points.
-- A record may have several drawings; a drawing belongs to one record. Removing the record's feature row unlinks it.
ALTER TABLE raster_sheet ADD COLUMN boundary_record_id BIGINT REFERENCES feature(id) ON DELETE SET NULL;
CREATE INDEX raster_sheet_boundary_record_idx ON raster_sheet (boundary_record_id) WHERE boundary_record_id IS NOT NULL;
