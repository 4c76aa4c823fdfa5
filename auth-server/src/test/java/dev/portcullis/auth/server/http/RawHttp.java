package dev.portcullis.auth.server.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for requests a client library would refuse or normalise (a broken
 * request line, an over-long header, a body that trickles).
 */
final class RawHttp {
  private RawHttp() {}

  /** An answer: status, headers by lower-case name, body as UTF-8. */
  record Answer(int status, Map<String, String> headers, String body) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /** Opens a connection to the loopback port with a read timeout. */
  static Socket connect(int port, int timeoutMillis) throws IOException {
    Socket s = new Socket("127.0.0.1", port);
    s.setSoTimeout(timeoutMillis);
    s.setTcpNoDelay(true);
    return s;
  }

  /** Sends {@code request} (ASCII) on a new connection and reads one answer. */
  static Answer exchange(int port, String request) throws IOException {
    try (Socket s = connect(port, 10_000)) {
      send(s, request);
      return read(s);
    }
  }

  static void send(Socket s, String text) throws IOException {
    s.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
    s.getOutputStream().flush();
  }

  /** Reads one answer: the head, then Content-Length bytes (or up to the end of the stream). */
  static Answer read(Socket s) throws IOException {
    InputStream in = s.getInputStream();
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int last4 = 0;
    while (last4 != 0x0D0A0D0A) { // CR LF CR LF
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed before the end of the headers: " + head);
      }
      head.write(b);
      last4 = (last4 << 8) | b;
    }
    String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(
            lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).strip());
      }
    }
    String length = headers.get("content-length");
    byte[] body;
    if (length != null) {
      body = in.readNBytes(Integer.parseInt(length));
    } else if (headers.containsKey("transfer-encoding")) {
      throw new IOException("chunked answers are not expected here");
    } else {
      body = new byte[0];
    }
    return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
  }

  /** Whether the server closed the connection (end of stream) without sending more. */
  static boolean closedByServer(Socket s) {
    try {
      return s.getInputStream().read() < 0;
    } catch (IOException e) {
      return true; // reset
    }
  }
}
