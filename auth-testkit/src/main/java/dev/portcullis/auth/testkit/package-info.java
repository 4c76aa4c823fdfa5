/**
 * Testing services that use Portcullis: {@link dev.portcullis.auth.testkit.StubAuthModule} (the
 * whole framework in memory), {@link dev.portcullis.auth.testkit.PortcullisExtension} (JUnit 5),
 * {@link dev.portcullis.auth.testkit.AuthTestKit} (users, logins, tokens in every state), {@link
 * dev.portcullis.auth.testkit.MutableClock}, {@link dev.portcullis.auth.testkit.StrictInjector},
 * recorders, and {@link dev.portcullis.auth.testkit.Concurrently} for races. Assertions are in
 * {@code assertj}, the store contract suites in {@code contract}. For test scope only.
 */
package dev.portcullis.auth.testkit;
