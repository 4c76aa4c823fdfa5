/**
 * The ports of Portcullis and {@link dev.portcullis.auth.api.Result}: {@link
 * dev.portcullis.auth.api.Authenticator}, {@link dev.portcullis.auth.api.TokenService}, {@link
 * dev.portcullis.auth.api.PasswordHasher}, {@link dev.portcullis.auth.api.PasswordPolicy}, {@link
 * dev.portcullis.auth.api.AuthEventListener} and {@link
 * dev.portcullis.auth.api.NotificationSender}. JDK only, no implementations: the store ports are in
 * {@code store}, the values they exchange in {@code model}, the error family in {@code error} and
 * the events in {@code event}.
 */
package dev.portcullis.auth.api;
