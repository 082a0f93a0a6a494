ALTER TABLE login_failures DROP COLUMN lifted_at;
