-- Issue 15: digests, calibration notes and `calibration <role>` read the organisation's recent
-- scorecards (the latest Decisions__HistoryMaxScorecards within Decisions__HistoryMonths), newest
-- first; this index lets that read stop after the bound instead of scanning every scorecard.
CREATE INDEX scorecards_org_submitted ON scorecards (org_id, submitted_at DESC);
