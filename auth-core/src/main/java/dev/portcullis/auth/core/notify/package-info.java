/**
 * {@link dev.portcullis.auth.core.notify.LoggingNotificationSender}, the development-only default
 * {@code NotificationSender}; real delivery (mail, webhook) is an adapter the application binds.
 */
package dev.portcullis.auth.core.notify;
