package dev.incidents.ingest;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/** A streaming RFC 4180 reader: quoted cells, doubled quotes, line breaks inside quotes. */
public final class CsvReader implements AutoCloseable {
  private final Reader reader;
  private int line = 1;
  private int recordLine = 1;
  private int peeked = -2;

  public CsvReader(Reader reader) {
    this.reader = reader;
  }

  /** A reader over a UTF-8 input. */
  public static CsvReader open(dev.incidents.ingest.input.Input input) throws IOException {
    return new CsvReader(
        new java.io.InputStreamReader(input.open(), java.nio.charset.StandardCharsets.UTF_8));
  }

  /** The header row; an empty file is quarantined as truncated and null is returned. */
  public List<String> readHeader(dev.incidents.ingest.input.Input input, RecordSink sink)
      throws IOException {
    List<String> header = readRecord();
    if (header == null) {
      sink.reject(
          "line 1",
          dev.incidents.core.model.IngestErrorCode.TRUNCATED,
          "Cannot parse " + input.name() + ": the file is empty",
          "");
    }
    return header;
  }

  /** The line a just-read record started on. */
  public int recordLine() {
    return recordLine;
  }

  private int next() throws IOException {
    if (peeked != -2) {
      int c = peeked;
      peeked = -2;
      return c;
    }
    return reader.read();
  }

  /** The next record's cells, or null at the end. Throws on a quote left open at the end. */
  public List<String> readRecord() throws IOException {
    recordLine = line;
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    while (true) {
      int c = next();
      if (c == -1) {
        if (quoted) {
          throw new IOException("unterminated quoted cell starting on line " + recordLine);
        }
        if (!any && cell.length() == 0 && cells.isEmpty()) {
          return null;
        }
        cells.add(cell.toString());
        return cells;
      }
      any = true;
      if (quoted) {
        if (c == '"') {
          int following = next();
          if (following == '"') {
            cell.append('"');
          } else {
            quoted = false;
            peeked = following;
          }
        } else {
          if (c == '\n') {
            line++;
          }
          cell.append((char) c);
        }
      } else if (c == '"' && cell.length() == 0) {
        quoted = true;
      } else if (c == ',') {
        cells.add(cell.toString());
        cell.setLength(0);
      } else if (c == '\n' || c == '\r') {
        if (c == '\r') {
          int following = next();
          if (following != '\n') {
            peeked = following;
          }
        }
        line++;
        cells.add(cell.toString());
        return cells;
      } else {
        cell.append((char) c);
      }
    }
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
