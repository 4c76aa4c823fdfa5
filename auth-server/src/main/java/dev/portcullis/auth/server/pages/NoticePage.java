package dev.portcullis.auth.server.pages;

/**
 * A page that only says something (no form), such as "two-step sign-in is already on".
 *
 * @param title the heading and title
 * @param message one paragraph
 */
public record NoticePage(String title, String message) {}
