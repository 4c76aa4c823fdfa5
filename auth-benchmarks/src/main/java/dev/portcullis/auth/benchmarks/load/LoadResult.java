package dev.portcullis.auth.benchmarks.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * What one load-generator run measured (only the measured phase, after warm-up).
 *
 * @param scenario {@code login}, {@code refresh}, {@code me}, {@code client-credentials} or {@code
 *     introspect}
 * @param label a free label, by convention the server's hash settings: {@code default} or {@code
 *     keycloak}
 * @param baseUrl the server's base URL
 * @param clients concurrent clients
 * @param seconds length of the measured phase
 * @param requests requests completed in the measured phase
 * @param ok requests answered as expected: 2xx, and for {@code client-credentials} an {@code
 *     access_token}, for {@code introspect} {@code "active":true}
 * @param failed the others (other answers and I/O failures)
 * @param statusCounts requests per HTTP status, and {@code io-error}
 * @param okPerSecond expected answers per second
 * @param serverCores the cores the server had (given on the command line)
 * @param okPerSecondPerCore {@code okPerSecond / serverCores}
 * @param p50Millis median latency (HdrHistogram, three significant digits)
 * @param p90Millis 90th percentile latency
 * @param p99Millis 99th percentile latency
 * @param maxMillis slowest request
 * @param startedAt when the measured phase started, ISO-8601
 * @param expectedIntervalMillis the interval the percentiles were corrected for coordinated
 *     omission with (HdrHistogram), 0 for no correction
 */
public record LoadResult(
    String scenario,
    String label,
    String baseUrl,
    int clients,
    double seconds,
    long requests,
    long ok,
    long failed,
    Map<String, Long> statusCounts,
    double okPerSecond,
    int serverCores,
    double okPerSecondPerCore,
    double p50Millis,
    double p90Millis,
    double p99Millis,
    double maxMillis,
    String startedAt,
    double expectedIntervalMillis) {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Writes this result as JSON. */
  public void write(Path file) throws IOException {
    JSON.writeValue(file.toFile(), this);
  }

  /** Reads a result written by {@link #write}. */
  public static LoadResult read(Path file) throws IOException {
    return JSON.readValue(file.toFile(), LoadResult.class);
  }
}
