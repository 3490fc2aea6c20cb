/**
 * Reports: the monthly leadership report (Markdown, HTML with charts, XLSX), the read-only SQL
 * console and the SQL notebooks, all reading the lake through DuckDB views.
 */
package dev.incidents.reports;
