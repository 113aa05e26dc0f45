-- The week whose digest last carried the aging chart, kept beside the owner's done day and read with it: the morning
-- asked the ledger for it of every owner with something overdue, each weekday (issue 17: ~20-30 ms of a 10 000-owner
-- morning), for a mark that changes once a week.
ALTER TABLE schedule_state ADD COLUMN chart_week TEXT;
UPDATE schedule_state SET chart_week = (SELECT MAX(m.day) FROM schedule_marks m WHERE m.owner_id = schedule_state.owner_id AND m.kind = 'digest_chart');
DELETE FROM schedule_marks WHERE kind = 'digest_chart';
