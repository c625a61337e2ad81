-- Slack workspaces that installed the app through OAuth; the bot token is encrypted at rest.
CREATE TABLE slack_installations (
    team_id          text PRIMARY KEY,
    team_name        text,
    enterprise_id    text,
    bot_user_id      text NOT NULL,
    token_protected  text NOT NULL,
    scopes           text[] NOT NULL DEFAULT '{}',
    installed_at     timestamptz NOT NULL DEFAULT now(),
    revoked_at       timestamptz
);
