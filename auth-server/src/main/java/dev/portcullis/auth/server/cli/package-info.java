/**
 * The command line ({@link dev.portcullis.auth.server.cli.Main}, picocli): {@code serve}, {@code
 * doctor}, {@code token inspect}, {@code user create|list|disable|enable}, {@code lockouts
 * list|clear}, {@code keys generate|rotate} and {@code hash}.
 */
package dev.portcullis.auth.server.cli;
