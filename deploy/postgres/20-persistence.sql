-- 20-persistence.sql: grain state for Orleans' ADO.NET grain storage provider
-- (AddAdoNetGrainStorage with Invariant = "Npgsql"). Requires 00-main.sql.
--
-- A grain's state is identified by its key parts and the ServiceId:
--   GrainIdHash, GrainTypeHash  int hashes of the grain id and type (for the index; may collide)
--   GrainIdN0, GrainIdN1        the numeric key parts (bigint)
--   GrainTypeString             the grain type name
--   GrainIdExtensionString      the string key part (NULL for purely numeric or Guid keys)
--   ServiceId                   the Orleans ServiceId: one database can serve several services
-- Version is the ETag: NULL before the first write, 1 after it, +1 on every write or clear. A
-- write or clear carrying a stale version changes nothing, and the provider then throws
-- InconsistentStateException.
--
-- The Orleans 10 provider stores every serializer's output in PayloadBinary (for the JSON
-- serializers that is UTF-8 JSON text), so there are no separate JSON or XML columns.

CREATE TABLE IF NOT EXISTS OrleansStorage
(
    GrainIdHash            integer      NOT NULL,
    GrainIdN0              bigint       NOT NULL,
    GrainIdN1              bigint       NOT NULL,
    GrainTypeHash          integer      NOT NULL,
    GrainTypeString        varchar(512) NOT NULL,
    GrainIdExtensionString varchar(512) NULL,
    ServiceId              varchar(150) NOT NULL,
    PayloadBinary          bytea        NULL,
    ModifiedOn             timestamptz  NOT NULL DEFAULT now(),
    Version                integer      NULL
);

-- A state of up to about 8 KB stays in its row as written. Past PostgreSQL's default of 2 KB (a typical entity's state)
-- every write tried to compress it first, an eighth of the database's CPU under load.
ALTER TABLE OrleansStorage SET (toast_tuple_target = 8160);

-- Every query filters on both hashes first; the remaining key columns resolve hash collisions.
CREATE INDEX IF NOT EXISTS IX_OrleansStorage
    ON OrleansStorage (GrainIdHash, GrainTypeHash);

-- Writes a grain's state and returns its new version (column NewGrainStateVersion).
-- The silo calls it directly, many grains' writes in one statement batch and one commit
-- (BatchedPostgresGrainStorage, which reads as ReadFromStorageKey below does); Orleans' own
-- provider calls it through WriteToStorageKey.
-- With a version: updates the row only if its version still matches, returning version + 1;
-- otherwise returns the given version unchanged, which the provider reports as a conflict.
-- Without a version (the grain has never seen a stored row): inserts version 1, unless a row
-- already exists, in which case it returns NULL, again a conflict.
CREATE OR REPLACE FUNCTION orleans_write_to_storage(
    p_grain_id_hash      integer,
    p_grain_id_n0        bigint,
    p_grain_id_n1        bigint,
    p_grain_type_hash    integer,
    p_grain_type_string  text,
    p_grain_id_extension text,
    p_service_id         text,
    p_version            integer,
    p_payload            bytea)
    RETURNS TABLE (NewGrainStateVersion integer)
    LANGUAGE plpgsql
    -- One plan per statement for every grain: planning the UPDATE again for each write's values was most of its cost.
    SET plan_cache_mode = force_generic_plan
AS $func$
BEGIN
    IF p_version IS NOT NULL THEN
        UPDATE OrleansStorage
           SET PayloadBinary = p_payload, ModifiedOn = now(), Version = Version + 1
         WHERE GrainIdHash = p_grain_id_hash AND GrainTypeHash = p_grain_type_hash
           AND GrainIdN0 = p_grain_id_n0 AND GrainIdN1 = p_grain_id_n1
           AND GrainTypeString = p_grain_type_string
           AND GrainIdExtensionString IS NOT DISTINCT FROM p_grain_id_extension
           AND ServiceId = p_service_id
           AND Version = p_version;
        RETURN QUERY SELECT CASE WHEN FOUND THEN p_version + 1 ELSE p_version END;
        RETURN;
    END IF;

    -- First write. Two activations of the same grain (possible during a cluster split) could both
    -- get here; a transaction-scoped advisory lock on the two hashes makes them take turns, so the
    -- second one sees the first one's row and reports a conflict instead of adding a duplicate.
    PERFORM pg_advisory_xact_lock(p_grain_id_hash, p_grain_type_hash);

    INSERT INTO OrleansStorage
        (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString,
         ServiceId, PayloadBinary, ModifiedOn, Version)
    SELECT p_grain_id_hash, p_grain_id_n0, p_grain_id_n1, p_grain_type_hash, p_grain_type_string,
           p_grain_id_extension, p_service_id, p_payload, now(), 1
     WHERE NOT EXISTS (
        SELECT 1 FROM OrleansStorage
         WHERE GrainIdHash = p_grain_id_hash AND GrainTypeHash = p_grain_type_hash
           AND GrainIdN0 = p_grain_id_n0 AND GrainIdN1 = p_grain_id_n1
           AND GrainTypeString = p_grain_type_string
           AND GrainIdExtensionString IS NOT DISTINCT FROM p_grain_id_extension
           AND ServiceId = p_service_id);
    RETURN QUERY SELECT CASE WHEN FOUND THEN 1 ELSE NULL::integer END;
END
$func$;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES

-- Parameters: the key parts above, GrainStateVersion (int or NULL) and PayloadBinary.
('WriteToStorageKey', $q$
    SELECT NewGrainStateVersion FROM orleans_write_to_storage(
        @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
        @GrainIdExtensionString, @ServiceId, @GrainStateVersion, @PayloadBinary);
$q$),

-- Returns the stored payload and version, or no row if the grain was never written.
-- A cleared grain returns its row with a NULL payload, so its version survives.
('ReadFromStorageKey', $q$
    SELECT PayloadBinary, Version
      FROM OrleansStorage
     WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
       AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
       AND GrainTypeString = @GrainTypeString
       AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
       AND ServiceId = @ServiceId;
$q$),

-- ClearStateAsync (default): keeps the row but drops the payload and advances the version.
-- Returns the new version, or no row if GrainStateVersion was stale.
('ClearStorageKey', $q$
    UPDATE OrleansStorage
       SET PayloadBinary = NULL, ModifiedOn = now(), Version = Version + 1
     WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
       AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
       AND GrainTypeString = @GrainTypeString
       AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
       AND ServiceId = @ServiceId
       AND Version = @GrainStateVersion
    RETURNING Version AS NewGrainStateVersion;
$q$),

-- ClearStateAsync with DeleteStateOnClear = true: removes the row. Returns one row if the version
-- matched (its value is not used: the grain's ETag becomes empty), no row if it was stale.
('DeleteStorageKey', $q$
    DELETE FROM OrleansStorage
     WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
       AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
       AND GrainTypeString = @GrainTypeString
       AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
       AND ServiceId = @ServiceId
       AND Version = @GrainStateVersion
    RETURNING Version + 1 AS NewGrainStateVersion;
$q$)

ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
