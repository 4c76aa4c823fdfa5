package dev.portcullis.auth.core.account.imports;

/** What a {@link UserSource} yields for one entry: a user to import, or a refusal. */
public sealed interface ImportRow {

  /** A user the importer checks and creates. */
  record Candidate(ImportedUser user) implements ImportRow {}

  /** An entry the source itself refuses (an unusable password, no password credential...). */
  record Refused(Refusal refusal) implements ImportRow {}
}
