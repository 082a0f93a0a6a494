DROP TABLE mail_outbox;
--bun:split
DROP TABLE notify_addresses;
--bun:split
DROP TABLE notifications;
