package dev.portcullis.auth.oauth.authorize;

/** What a page shows of a scope: its name and the description a user reads. */
public record ScopeView(String name, String description) {}
