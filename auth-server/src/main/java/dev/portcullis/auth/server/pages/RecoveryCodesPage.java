package dev.portcullis.auth.server.pages;

import java.util.List;

/**
 * The recovery codes after a confirmed enrolment, shown this once.
 *
 * @param codes the codes, each usable once
 */
public record RecoveryCodesPage(List<String> codes) {
  public RecoveryCodesPage {
    codes = List.copyOf(codes);
  }
}
