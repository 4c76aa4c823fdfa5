package dev.portcullis.auth.core.mfa;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import com.google.zxing.qrcode.encoder.QRCode;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * QR codes as inline SVG, for the {@code otpauth://} URI of a TOTP enrolment. The encoding (ISO/IEC
 * 18004: versions, Reed-Solomon, masks) is ZXing's, a maintained encoder with no dependencies of
 * its own; this class only draws its modules as one SVG path with a 4-module quiet zone. Stateless
 * and thread-safe.
 */
public final class QrCodes {
  private static final int QUIET_ZONE = 4;

  private QrCodes() {}

  /**
   * An SVG image of {@code text} (error correction level M), scaled by the page.
   *
   * @throws IllegalArgumentException if the text does not fit a QR code
   */
  public static String svg(String text) {
    QRCode code;
    try {
      code =
          Encoder.encode(
              text,
              ErrorCorrectionLevel.M,
              Map.of(EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name()));
    } catch (WriterException e) {
      throw new IllegalArgumentException("text does not fit a QR code", e);
    }
    ByteMatrix m = code.getMatrix();
    int size = m.getWidth() + 2 * QUIET_ZONE;
    StringBuilder path = new StringBuilder();
    for (int y = 0; y < m.getHeight(); y++) {
      for (int x = 0; x < m.getWidth(); x++) {
        if (m.get(x, y) == 1) {
          path.append('M')
              .append(x + QUIET_ZONE)
              .append(' ')
              .append(y + QUIET_ZONE)
              .append("h1v1h-1z");
        }
      }
    }
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 "
        + size
        + " "
        + size
        + "\" shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"QR code\">"
        + "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>"
        + "<path fill=\"#000\" d=\""
        + path
        + "\"/></svg>";
  }
}
