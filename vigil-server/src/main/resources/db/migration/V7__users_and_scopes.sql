-- Users scoped to host groups (tenants). A user with all_hosts sees every host; otherwise only
-- the hosts of the groups granted in user_host_groups. Admins always see everything.
ALTER TABLE users ADD COLUMN all_hosts BOOLEAN NOT NULL DEFAULT TRUE;

CREATE TABLE user_host_groups (
    user_id  BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    group_id BIGINT NOT NULL REFERENCES host_groups (id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, group_id)
);
CREATE INDEX user_host_groups_group_idx ON user_host_groups (group_id);

-- Per-user settings and login bookkeeping (password policy, lock-out).
ALTER TABLE users ADD COLUMN language VARCHAR(8) NOT NULL DEFAULT 'en';
ALTER TABLE users ADD COLUMN time_zone VARCHAR(64) NOT NULL DEFAULT 'UTC';
ALTER TABLE users ADD COLUMN failed_logins INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN locked_until TIMESTAMP WITH TIME ZONE;
ALTER TABLE users ADD COLUMN last_login_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE users ADD COLUMN password_changed_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE users ADD CONSTRAINT users_language_check CHECK (language IN ('en', 'ko'));
