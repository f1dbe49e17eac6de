-- Escalations: the target team's own clocks fire once when missed (job routing.sweep-queues, every 30 s).
ALTER TABLE escalations ADD COLUMN response_overdue_at timestamptz;
ALTER TABLE escalations ADD COLUMN resolution_overdue_at timestamptz;
CREATE INDEX escalations_response_due_idx ON escalations (response_due_at)
  WHERE status = 'open' AND response_overdue_at IS NULL AND response_due_at IS NOT NULL;
CREATE INDEX escalations_resolution_due_idx ON escalations (resolution_due_at)
  WHERE status IN ('open','answered') AND resolution_overdue_at IS NULL AND resolution_due_at IS NOT NULL;
