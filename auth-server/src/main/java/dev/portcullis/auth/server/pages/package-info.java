/**
 * The HTML pages of the browser flows (sign in, consent, device code entry and confirmation, done,
 * error): one model record per page and {@link dev.portcullis.auth.server.pages.Pages}, which
 * renders them with the JTE templates in {@code src/main/jte}. The templates know nothing of the
 * interaction state machine: they receive these records only, so replacing a template changes how a
 * step looks, never what it does.
 */
package dev.portcullis.auth.server.pages;
