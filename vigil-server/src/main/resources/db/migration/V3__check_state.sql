-- Check results: the latest result of each check item of each host (the history is in the metric
-- store as measurements check and check_metric), and agentless hosts whose port and HTTP checks
-- the server runs itself. Portable SQL: runs unchanged on H2 and PostgreSQL.

-- Agentless hosts have no machine: their machine_id is 'agentless:<uuid>' (it stays NOT NULL
-- UNIQUE), and address is the name or IP address their checks connect to by default.
ALTER TABLE hosts ADD COLUMN agentless BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE hosts ADD COLUMN address VARCHAR(253);

-- Written back in batches every few seconds from memory; result_json is the whole CheckResult.
CREATE TABLE check_state (
    host_id     BIGINT      NOT NULL REFERENCES hosts (id) ON DELETE CASCADE,
    item        VARCHAR(63) NOT NULL,
    kind        VARCHAR(63) NOT NULL,
    status      VARCHAR(8)  NOT NULL,
    last_run    BIGINT      NOT NULL,
    result_json VARCHAR(200000) NOT NULL,
    PRIMARY KEY (host_id, item),
    CONSTRAINT check_state_status_check CHECK (status IN ('OK', 'WARNING', 'CRITICAL', 'UNKNOWN'))
);
