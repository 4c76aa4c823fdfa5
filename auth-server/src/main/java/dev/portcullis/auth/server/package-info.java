/**
 * Portcullis as a ready-to-run authentication service: {@link
 * dev.portcullis.auth.server.PortcullisServer} (build, start, stop), {@link
 * dev.portcullis.auth.server.ServerModule} (the server's Guice bindings next to {@code AuthModule},
 * {@code JwtModule} and a store module) and {@link dev.portcullis.auth.server.ServerSettings}
 * ({@code auth.server.*}).
 *
 * <p>The HTTP API is in {@code dev.portcullis.auth.server.http}, the command line in {@code
 * dev.portcullis.auth.server.cli}. Classes in {@code dev.portcullis.auth.server.internal} are not
 * part of the contract.
 */
package dev.portcullis.auth.server;
