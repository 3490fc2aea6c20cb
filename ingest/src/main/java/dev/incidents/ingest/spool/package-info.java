/**
 * The receiver's spool ({@code incidents receive}): closed JSON Lines segments whose lines each
 * hold one raw webhook body, its endpoint and {@code received_at}. {@link
 * dev.incidents.ingest.spool.SpoolReader} hands each body to the reader of its endpoint.
 */
package dev.incidents.ingest.spool;
