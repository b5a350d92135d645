-- Agent token rotation: the previous token keeps working until previous_expires_at (a grace period,
-- so an agent that crashed between rotating and saving its new token is not locked out), and an
-- admin can ask an agent to rotate (rotate_requested, answered in the next ingest ack).
-- Portable SQL: runs unchanged on H2 (embedded) and PostgreSQL.

ALTER TABLE agents ADD COLUMN previous_token_hash CHAR(64);
ALTER TABLE agents ADD COLUMN previous_expires_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE agents ADD COLUMN rotate_requested BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE agents ADD COLUMN rotated_at TIMESTAMP WITH TIME ZONE;

CREATE INDEX agents_previous_token_idx ON agents (previous_token_hash);
