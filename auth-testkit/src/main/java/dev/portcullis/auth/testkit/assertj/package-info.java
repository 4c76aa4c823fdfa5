/**
 * AssertJ assertions for Portcullis values, all reached through {@link
 * dev.portcullis.auth.testkit.assertj.PortcullisAssertions#assertThat}: {@code Result}, {@code
 * AuthError}, verified {@code Principal}s, inspected tokens and injectors.
 */
package dev.portcullis.auth.testkit.assertj;
