package dev.incidents.core.model;

/** Why a record was quarantined. Stored as the code's name in {@code quarantine.error_code}. */
public enum IngestErrorCode {
  MALFORMED_JSON,
  MALFORMED_CSV,
  TRUNCATED,
  MISSING_FIELD,
  WRONG_TYPE,
  BAD_TIMESTAMP,
  UNKNOWN_VALUE,
  DUPLICATE,
  TOO_LARGE,
  UNSAFE_ARCHIVE,
  UNSUPPORTED_FORMAT,
  UNLINKED,
  /** A file inside an input folder whose content matches no source's format. */
  UNKNOWN_FORMAT
}
