-- Each account's profile as the platform shows it, read every few minutes
-- (alipay.open.public.info.query), to show beside an edit under audit.
CREATE TABLE live_profiles (
    account_id      INTEGER PRIMARY KEY REFERENCES accounts (id),
    app_name        TEXT    NOT NULL,
    introduction    TEXT    NOT NULL,
    public_greeting TEXT    NOT NULL,
    logo_url        TEXT    NOT NULL,
    background_url  TEXT    NOT NULL,
    fetched_at      INTEGER NOT NULL
);
