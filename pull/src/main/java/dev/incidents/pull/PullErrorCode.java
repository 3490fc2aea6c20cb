package dev.incidents.pull;

/** Why a pull failed; every failure is one of these, never a silent end of the data. */
public enum PullErrorCode {
  /** 401 or 403: the token is missing, wrong or lacks a permission. */
  AUTHENTICATION,
  /** A 4xx other than 401, 403, 410 and 429: the request itself is wrong. */
  REQUEST_REJECTED,
  /** 410: the endpoint was removed by the vendor. */
  ENDPOINT_REMOVED,
  /** Still 429 after the bounded attempts, or a wait longer than the allowed maximum. */
  RATE_LIMITED,
  /** Still 5xx after the bounded attempts. */
  SERVER_ERROR,
  /** Timeouts or broken connections after the bounded attempts. */
  TRANSPORT,
  /** A paging cap was hit (offset limits): data would be missing. */
  CAP_EXCEEDED,
  /** The API said there is more but returned an empty page. */
  EMPTY_PAGE_WITH_MORE,
  /** The API returned the same cursor twice. */
  REPEATED_CURSOR,
  /** Fewer records arrived than the API's own total. */
  INCOMPLETE,
  /** A response that is not the JSON the API documents. */
  MALFORMED_RESPONSE,
  /** A token appeared in a response body; it is never written to a raw file. */
  TOKEN_IN_RESPONSE,
  /** The source's configuration is missing or unsafe. */
  CONFIGURATION
}
