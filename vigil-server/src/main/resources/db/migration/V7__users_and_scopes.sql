-- Users scoped to host groups (tenants). A user with all_hosts sees every host; otherwise only
-- the hosts of the groups granted in user_host_groups. Admins always see everything.
ALTER TABLE users ADD COLUMN all_hosts BOOLEAN NOT NULL DEFAULT TRUE;

CREATE TABLE user_host_groups (
    user_id  BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    group_id BIGINT NOT NULL REFERENCES host_groups (id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, group_id)
);
CREATE INDEX user_host_groups_group_idx ON user_host_groups (group_id);
