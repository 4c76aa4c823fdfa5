/**
 * {@link dev.portcullis.auth.core.AuthModule}, the Guice module that binds the core services and
 * the validated settings. The services themselves live in the sub-packages ({@code login}, {@code
 * account}, {@code hash}, {@code policy}, {@code event}, {@code notify}, {@code settings}); stores
 * and token adapters come from their own modules.
 */
package dev.portcullis.auth.core;
