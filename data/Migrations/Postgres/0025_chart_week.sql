-- The week whose digest last carried the aging chart, kept beside the owner's done day (see the SQLite script 0025).
ALTER TABLE schedule_state ADD COLUMN chart_week TEXT;
UPDATE schedule_state SET chart_week = (SELECT MAX(m.day) FROM schedule_marks m WHERE m.owner_id = schedule_state.owner_id AND m.kind = 'digest_chart');
DELETE FROM schedule_marks WHERE kind = 'digest_chart';
