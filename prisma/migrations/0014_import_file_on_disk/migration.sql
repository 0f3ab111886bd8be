-- An import's uploaded file waits on disk (IMPORT_DIR) and is read in chunks, instead of a bytea
-- read whole into memory. A job uploaded before this migration and not yet committed loses its
-- file: it is refused at dry run or commit ("no longer holds its file") and is uploaded again.
ALTER TABLE import_job ADD COLUMN file_name text, ADD COLUMN size_bytes bigint;
UPDATE import_job SET size_bytes = octet_length(data) WHERE data IS NOT NULL;
ALTER TABLE import_job DROP COLUMN data;
