package dev.portcullis.auth.core.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.decoder.Decoder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

final class QrCodesTest {

  @Test
  void svg_drawsModulesThatDecodeBackToTheUri() throws Exception {
    String uri =
        TotpFactor.otpauthUri(
            "Portcullis", "alice@example.com", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP");

    String svg = QrCodes.svg(uri);

    assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"").endsWith("</svg>");
    Matcher box = Pattern.compile("viewBox=\"0 0 (\\d+) \\d+\"").matcher(svg);
    assertThat(box.find()).isTrue();
    int modules = Integer.parseInt(box.group(1)) - 8;
    BitMatrix m = new BitMatrix(modules);
    Matcher dark = Pattern.compile("M(\\d+) (\\d+)h1v1h-1z").matcher(svg);
    while (dark.find()) {
      m.set(Integer.parseInt(dark.group(1)) - 4, Integer.parseInt(dark.group(2)) - 4);
    }

    assertThat(new Decoder().decode(m).getText()).isEqualTo(uri);
  }
}
