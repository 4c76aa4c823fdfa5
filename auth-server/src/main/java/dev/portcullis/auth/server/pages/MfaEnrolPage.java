package dev.portcullis.auth.server.pages;

/**
 * The TOTP enrolment page (issue 16): the QR code of the pending seed, the secret for manual entry,
 * and the first-code form.
 *
 * @param action where the form posts
 * @param csrf the interaction's CSRF token, posted back in a hidden field
 * @param qrSvg the QR code as an SVG element, drawn by {@code QrCodes} from the otpauth URI
 *     (numbers and fixed markup only): the one value a template writes unescaped
 * @param secretGroups the base32 secret in groups of four, for typing into the app
 * @param account the account name the app will show
 * @param error a plain-words message (a wrong code, locked until) or null
 */
public record MfaEnrolPage(
    String action, String csrf, String qrSvg, String secretGroups, String account, String error) {}
