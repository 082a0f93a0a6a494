-- An administrator lifts the sign-in throttle of a user: their failures
-- stay (the owner is still told of them; the purge removes them with the
-- others once they leave the window) but, marked lifted, the throttle no
-- longer counts them.
ALTER TABLE login_failures ADD COLUMN lifted_at {{.Time}};
