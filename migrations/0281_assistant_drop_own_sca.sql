-- The assistant's SCA step-ups now use the compliance module's challenges (compliance_sca_challenges).
DROP TABLE IF EXISTS assistant_sca_challenges;
