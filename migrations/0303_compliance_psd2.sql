-- Compliance (4): SCA challenges can be consumed once; complaint register details.
ALTER TABLE compliance_sca_challenges DROP CONSTRAINT compliance_sca_challenges_status_check;
ALTER TABLE compliance_sca_challenges ADD CONSTRAINT compliance_sca_challenges_status_check
  CHECK (status IN ('pending','verified','consumed','blocked','expired','invalidated'));
ALTER TABLE compliance_sca_challenges ADD COLUMN consumed_at timestamptz;

ALTER TABLE compliance_payment_complaints
  ADD COLUMN debit_date date,
  ADD COLUMN late_claim boolean NOT NULL DEFAULT false,
  ADD COLUMN adr_info_sent boolean NOT NULL DEFAULT false;
