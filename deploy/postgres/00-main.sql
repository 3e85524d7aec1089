-- 00-main.sql: the query catalogue shared by Orleans' ADO.NET providers (clustering, persistence,
-- reminders). Apply first; 10-, 20- and 30-*.sql add their tables, functions and queries.
--
-- How the contract works: Orleans ships no SQL. At start-up each provider runs
--     SELECT QueryKey, QueryText FROM OrleansQuery
-- and afterwards executes only those texts, binding its values as named parameters (@Name) and
-- reading result columns by name. So the parameter names, the column names and what each query
-- returns are the contract; everything else (tables, indexes, functions) is ours to choose.
-- A provider fails at start-up if one of the keys it requires is missing.
--
-- Every script here is idempotent: tables and indexes are created only when missing, functions are
-- replaced, and query rows are upserted, so re-applying a script after editing a query updates it.
-- Running silos cache the queries they loaded; restart them to pick up a changed text.
--
-- Identifiers are unquoted on purpose, so PostgreSQL folds them to lower case (orleansquery):
-- the providers' own statements are unquoted too.

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    -- The name the provider looks the query up by, e.g. 'WriteToStorageKey'.
    QueryKey  varchar(64) NOT NULL,
    -- The SQL text the provider executes, with @Name placeholders for its parameters.
    QueryText text        NOT NULL,

    CONSTRAINT OrleansQuery_Key PRIMARY KEY (QueryKey)
);
