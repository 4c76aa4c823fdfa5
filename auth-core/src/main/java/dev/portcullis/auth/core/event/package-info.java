/**
 * Event dispatch: {@link dev.portcullis.auth.core.event.AuthEvents} hands every {@code AuthEvent}
 * to the bound listeners, and {@link dev.portcullis.auth.core.event.AuditTrail} writes them to the
 * {@code AuditStore}. The event types themselves are in {@code auth-api}.
 */
package dev.portcullis.auth.core.event;
