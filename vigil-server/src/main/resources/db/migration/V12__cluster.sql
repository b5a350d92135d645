-- Two servers sharing this config database (vigil.cluster.*). Portable SQL: H2 and PostgreSQL.
--
-- One row. leader: the node that writes problems and sends notifications. It renews its lease by
-- raising renewals every heartbeat; the other node takes the lease over when it has seen renewals
-- stand still for the lease time by its own clock, so clock skew between the servers does not
-- matter. leader_since: epoch ms of the takeover (the new leader's clock). config_generation: raised
-- by every configuration change made through the API, so the other node knows to drop its caches.
CREATE TABLE cluster (
    id                INT          PRIMARY KEY,
    leader            VARCHAR(64),
    renewals          BIGINT       NOT NULL,
    leader_since      BIGINT       NOT NULL,
    config_generation BIGINT       NOT NULL,
    CONSTRAINT cluster_one_row CHECK (id = 1)
);
INSERT INTO cluster (id, leader, renewals, leader_since, config_generation) VALUES (1, NULL, 0, 0, 0);

-- The node an agent enrolled through: both servers of a pair share one database, and an agent
-- enrols with each of them (one token per server), so enrolling again replaces only the tokens
-- enrolled through the same node. NULL for a single server.
ALTER TABLE agents ADD COLUMN enrolled_node VARCHAR(64);
