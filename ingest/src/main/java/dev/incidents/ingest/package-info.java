/**
 * Ingest: detect a source's format, parse it with a streaming per-source parser, convert to the
 * canonical records of {@code dev.incidents.core.model}, redact secrets, and write the canonical
 * lake tables through {@code dev.incidents.lake}. Bad records go to quarantine.
 */
package dev.incidents.ingest;
