package dev.portcullis.auth.server.pages;

/**
 * An error the browser flow cannot send back to the client (an unknown client or redirect URI, a
 * refused form post, an expired interaction).
 *
 * @param title a short heading
 * @param message what happened and what to do, in plain words
 * @param code the stable error code, or null
 */
public record ErrorPage(String title, String message, String code) {}
