package dev.portcullis.auth.server.cli;

import dev.portcullis.auth.core.account.imports.ImportCounts;
import dev.portcullis.auth.core.account.imports.ImportListener;
import dev.portcullis.auth.core.account.imports.Refusal;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * What {@code user import} shows while it runs. On a terminal: one bar, redrawn in place at each
 * whole percent of the file read. Otherwise (a log, a pipe): a line every {@code everyRows} rows or
 * every {@code everyTime}, whichever comes first. Refusals go to {@code out} as they happen, one
 * line each, with row, identifier, reason code and a description that never holds a hash.
 */
final class ImportProgress implements ImportListener {
  private static final int BAR_WIDTH = 30;

  private final PrintWriter out;
  private final PrintWriter progress;
  private final boolean bar;
  private final LongSupplier bytesRead;
  private final long fileSize;
  private final long everyRows;
  private final Duration everyTime;
  private final Clock clock;
  private long lastPercent = -1;
  private long lastLineRows;
  private Instant lastLineAt;
  private boolean barShown;

  /**
   * @param out where refusals go
   * @param progress where the bar or progress lines go
   * @param bar whether {@code progress} is a terminal
   * @param bytesRead how much of the file has been read
   * @param fileSize the file's size in bytes, or 0 if unknown
   */
  ImportProgress(
      PrintWriter out,
      PrintWriter progress,
      boolean bar,
      LongSupplier bytesRead,
      long fileSize,
      long everyRows,
      Duration everyTime,
      Clock clock) {
    this.out = out;
    this.progress = progress;
    this.bar = bar;
    this.bytesRead = bytesRead;
    this.fileSize = fileSize;
    this.everyRows = everyRows;
    this.everyTime = everyTime;
    this.clock = clock;
    this.lastLineAt = clock.instant();
  }

  @Override
  public void refused(Refusal r) {
    clearBar();
    out.println(
        "refused row "
            + r.row()
            + " "
            + (r.identifier() == null ? "-" : r.identifier())
            + " "
            + r.reason().code()
            + ": "
            + r.detail());
    out.flush();
  }

  @Override
  public void rowDone(ImportCounts counts) {
    if (bar) {
      long percent = percent();
      if (percent != lastPercent || !barShown) {
        lastPercent = percent;
        drawBar(counts, percent);
      }
      return;
    }
    Instant now = clock.instant();
    if (counts.rows() - lastLineRows >= everyRows || !now.isBefore(lastLineAt.plus(everyTime))) {
      lastLineRows = counts.rows();
      lastLineAt = now;
      progress.println("import: " + totals(counts) + percentText());
      progress.flush();
    }
  }

  /** Ends the bar's line, so what follows starts on a fresh one. */
  void finish(ImportCounts counts) {
    if (bar) {
      drawBar(counts, fileSize > 0 ? 100 : percent());
      progress.println();
      progress.flush();
      barShown = false;
    }
  }

  static String totals(ImportCounts c) {
    return c.rows()
        + " rows read: "
        + c.created()
        + " created, "
        + c.skipped()
        + " skipped (already there), "
        + c.refused()
        + " refused";
  }

  private void drawBar(ImportCounts counts, long percent) {
    int filled = (int) (percent * BAR_WIDTH / 100);
    progress.print(
        "\r["
            + "#".repeat(filled)
            + " ".repeat(BAR_WIDTH - filled)
            + "] "
            + percent
            + "% "
            + totals(counts));
    progress.flush();
    barShown = true;
  }

  private void clearBar() {
    if (bar && barShown) {
      progress.println();
      progress.flush();
      barShown = false;
    }
  }

  private long percent() {
    return fileSize <= 0 ? 0 : Math.min(100, bytesRead.getAsLong() * 100 / fileSize);
  }

  private String percentText() {
    return fileSize <= 0 ? "" : " (" + percent() + "% of the file)";
  }
}
