package dev.portcullis.auth.core.account.imports;

import java.util.Objects;

/**
 * A row that was not imported. Never holds a password or a hash.
 *
 * @param row where it is in the file
 * @param identifier the e-mail address (or the source's user name when there is none), or null
 * @param reason why
 * @param detail a fixed description of the defect, naming at most a hash's scheme prefix
 */
public record Refusal(long row, String identifier, RefusalReason reason, String detail) {
  public Refusal {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
  }
}
