package dev.portcullis.auth.server.pages;

/** A scope as a page shows it: its description in words, then its name. */
public record PageScope(String name, String description) {}
