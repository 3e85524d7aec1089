-- 10-clustering.sql: cluster membership for Orleans' ADO.NET clustering provider
-- (UseAdoNetClustering with Invariant = "Npgsql"). Requires 00-main.sql.
--
-- Orleans' membership protocol keeps one row per silo incarnation plus one version row per
-- cluster (DeploymentId = ClusterId). Every change to a silo row must also advance the cluster's
-- version, and only if the writer saw the current version: that optimistic check is what makes
-- concurrent membership changes safe. Heartbeats (IAmAliveTime) are the one exception.
--
-- Parameters the provider binds: DeploymentId, Address (text), Port, Generation, SiloName,
-- HostName, Status (SiloStatus as int: 3 = Active, 6 = Dead), ProxyPort, SuspectTimes (text or
-- NULL), StartTime, IAmAliveTime (UTC timestamps), Version (int, the expected cluster version).

-- One row per cluster; Version is the optimistic-concurrency token for the whole membership table.
CREATE TABLE IF NOT EXISTS OrleansMembershipVersionTable
(
    DeploymentId varchar(150) NOT NULL,
    Timestamp    timestamptz  NOT NULL DEFAULT now(),
    Version      integer      NOT NULL DEFAULT 0,

    CONSTRAINT PK_OrleansMembershipVersionTable_DeploymentId PRIMARY KEY (DeploymentId)
);

-- One row per silo incarnation: a restarted silo on the same endpoint gets a new Generation.
CREATE TABLE IF NOT EXISTS OrleansMembershipTable
(
    DeploymentId varchar(150)  NOT NULL,
    Address      varchar(45)   NOT NULL,
    Port         integer       NOT NULL,
    Generation   integer       NOT NULL,
    SiloName     varchar(150)  NOT NULL,
    HostName     varchar(150)  NOT NULL,
    Status       integer       NOT NULL,
    ProxyPort    integer       NULL,
    -- 'silo,time|silo,time...' votes from silos that suspect this one, written by Orleans.
    SuspectTimes varchar(8000) NULL,
    StartTime    timestamptz   NOT NULL,
    IAmAliveTime timestamptz   NOT NULL,

    CONSTRAINT PK_MembershipTable_DeploymentId PRIMARY KEY (DeploymentId, Address, Port, Generation),
    CONSTRAINT FK_MembershipTable_MembershipVersionTable_DeploymentId
        FOREIGN KEY (DeploymentId) REFERENCES OrleansMembershipVersionTable (DeploymentId)
);

-- Adds a silo row, but only if the caller's expected cluster version is still current; the
-- version then advances by one. Returns 1 on success, 0 if the version moved on or the row
-- already exists (in which case nothing is changed). A raised condition rolls back the block's
-- subtransaction, undoing the version bump; this does not depend on plpgsql.check_asserts.
CREATE OR REPLACE FUNCTION orleans_insert_membership(
    p_deployment_id   text,
    p_address         text,
    p_port            integer,
    p_generation      integer,
    p_silo_name       text,
    p_host_name       text,
    p_status          integer,
    p_proxy_port      integer,
    p_start_time      timestamptz,
    p_i_am_alive_time timestamptz,
    p_version         integer)
    RETURNS integer
    LANGUAGE plpgsql
AS $func$
BEGIN
    -- Claiming the version first also locks the cluster's version row, serialising writers.
    UPDATE OrleansMembershipVersionTable
       SET Version = Version + 1, Timestamp = now()
     WHERE DeploymentId = p_deployment_id AND Version = p_version;
    IF NOT FOUND THEN
        RETURN 0;
    END IF;

    INSERT INTO OrleansMembershipTable
        (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort,
         StartTime, IAmAliveTime)
    VALUES
        (p_deployment_id, p_address, p_port, p_generation, p_silo_name, p_host_name, p_status,
         p_proxy_port, p_start_time, p_i_am_alive_time)
    ON CONFLICT (DeploymentId, Address, Port, Generation) DO NOTHING;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'membership row already exists' USING ERRCODE = 'OR001';
    END IF;

    RETURN 1;
EXCEPTION
    WHEN SQLSTATE 'OR001' THEN
        RETURN 0;
END
$func$;

-- Changes a silo's status, suspicion votes and heartbeat, under the same version rule as the
-- insert. Returns 1 on success, 0 if the version moved on or the row does not exist.
CREATE OR REPLACE FUNCTION orleans_update_membership(
    p_deployment_id   text,
    p_address         text,
    p_port            integer,
    p_generation      integer,
    p_status          integer,
    p_suspect_times   text,
    p_i_am_alive_time timestamptz,
    p_version         integer)
    RETURNS integer
    LANGUAGE plpgsql
AS $func$
BEGIN
    UPDATE OrleansMembershipVersionTable
       SET Version = Version + 1, Timestamp = now()
     WHERE DeploymentId = p_deployment_id AND Version = p_version;
    IF NOT FOUND THEN
        RETURN 0;
    END IF;

    UPDATE OrleansMembershipTable
       SET Status = p_status, SuspectTimes = p_suspect_times, IAmAliveTime = p_i_am_alive_time
     WHERE DeploymentId = p_deployment_id AND Address = p_address
       AND Port = p_port AND Generation = p_generation;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'membership row not found' USING ERRCODE = 'OR001';
    END IF;

    RETURN 1;
EXCEPTION
    WHEN SQLSTATE 'OR001' THEN
        RETURN 0;
END
$func$;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES

-- Creates the cluster's version row on first start. Returns one column: > 0 if it was created.
('InsertMembershipVersionKey', $q$
    WITH created AS (
        INSERT INTO OrleansMembershipVersionTable (DeploymentId)
        VALUES (@DeploymentId)
        ON CONFLICT (DeploymentId) DO NOTHING
        RETURNING 1)
    SELECT count(*)::integer FROM created;
$q$),

-- Adds this silo. Returns one column: > 0 on success, 0 if the expected Version was stale.
('InsertMembershipKey', $q$
    SELECT orleans_insert_membership(
        @DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort,
        @StartTime, @IAmAliveTime, @Version);
$q$),

-- Changes a silo's status or suspicions. Returns one column: > 0 on success, 0 if stale.
('UpdateMembershipKey', $q$
    SELECT orleans_update_membership(
        @DeploymentId, @Address, @Port, @Generation, @Status, @SuspectTimes, @IAmAliveTime, @Version);
$q$),

-- The heartbeat. Deliberately does not touch the version, so it never conflicts with other writers.
('UpdateIAmAlivetimeKey', $q$
    UPDATE OrleansMembershipTable
       SET IAmAliveTime = @IAmAliveTime
     WHERE DeploymentId = @DeploymentId AND Address = @Address
       AND Port = @Port AND Generation = @Generation;
$q$),

-- One silo's row plus the cluster version. The LEFT JOIN returns the version even when the silo
-- has no row yet; Orleans treats a NULL StartTime as "no row".
('MembershipReadRowKey', $q$
    SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status,
           m.ProxyPort, m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
      FROM OrleansMembershipVersionTable v
      LEFT JOIN OrleansMembershipTable m
        ON m.DeploymentId = v.DeploymentId
       AND m.Address = @Address AND m.Port = @Port AND m.Generation = @Generation
     WHERE v.DeploymentId = @DeploymentId;
$q$),

-- Every silo row of the cluster plus the cluster version (one row with NULLs if there are no silos).
('MembershipReadAllKey', $q$
    SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status,
           m.ProxyPort, m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
      FROM OrleansMembershipVersionTable v
      LEFT JOIN OrleansMembershipTable m ON m.DeploymentId = v.DeploymentId
     WHERE v.DeploymentId = @DeploymentId;
$q$),

-- Gateways for clients: silos with the requested Status (Active) that accept client connections.
('GatewaysQueryKey', $q$
    SELECT Address, ProxyPort, Generation
      FROM OrleansMembershipTable
     WHERE DeploymentId = @DeploymentId AND Status = @Status AND ProxyPort > 0;
$q$),

-- Removes a whole cluster's membership (used by tests and tooling, not by running silos).
('DeleteMembershipTableEntriesKey', $q$
    DELETE FROM OrleansMembershipTable WHERE DeploymentId = @DeploymentId;
    DELETE FROM OrleansMembershipVersionTable WHERE DeploymentId = @DeploymentId;
$q$),

-- Bulk clean-up of long-dead silos (older than the @IAmAliveTime cut-off). Required by the
-- provider, but used only when 'CleanupDefunctSiloEntryKey' below is absent.
('CleanupDefunctSiloEntriesKey', $q$
    DELETE FROM OrleansMembershipTable
     WHERE DeploymentId = @DeploymentId
       AND Status = 6
       AND IAmAliveTime < @IAmAliveTime
       AND StartTime < @IAmAliveTime
       AND COALESCE(SuspectTimes, '') = '';
$q$),

-- Optional (Orleans 10.4+): deletes one Dead silo row the provider has just read and judged
-- defunct, only if the row is still exactly as read, so a concurrent change keeps it.
-- Orleans writes "no suspicions" as '' but may send it back as NULL, so both count as equal.
('CleanupDefunctSiloEntryKey', $q$
    DELETE FROM OrleansMembershipTable
     WHERE DeploymentId = @DeploymentId AND Status = 6
       AND Address = @Address AND Port = @Port AND Generation = @Generation
       AND StartTime = @StartTime AND IAmAliveTime = @IAmAliveTime
       AND COALESCE(SuspectTimes, '') = COALESCE(@SuspectTimes, '');
$q$)

ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
