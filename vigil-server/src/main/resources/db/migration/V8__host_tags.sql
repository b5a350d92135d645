-- Free-form tags on hosts (env=prod, team=web): shown and filtered on the overview. The value
-- column is tag_value because VALUE is a keyword in H2.
CREATE TABLE host_tags (
    host_id BIGINT       NOT NULL REFERENCES hosts (id) ON DELETE CASCADE,
    name    VARCHAR(63)  NOT NULL,
    tag_value VARCHAR(256) NOT NULL,
    PRIMARY KEY (host_id, name)
);
