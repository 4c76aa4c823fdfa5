package dev.portcullis.auth.oauth.authorize;

/** What a page shows of a client: its id and the name a user recognises. */
public record ClientView(String clientId, String displayName) {}
