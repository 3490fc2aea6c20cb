package dev.incidents.ingest.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidents.core.model.IngestErrorCode;
import dev.incidents.ingest.RecordException;
import dev.incidents.ingest.RecordSink;
import dev.incidents.ingest.input.Input;
import dev.incidents.ingest.input.UnsafeInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Streams the records of a JSON file one at a time, so memory holds one record whatever the file
 * size. A record that fails to convert is quarantined and the rest go on; a file that breaks
 * mid-way (malformed or truncated) keeps every complete record before the break.
 */
public final class JsonRecords {
  public static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxStringLength(64 * 1024 * 1024)
                  .maxNestingDepth(200)
                  .build())
          .build();
  public static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

  private JsonRecords() {}

  /** Handles one record; may throw {@link RecordException} to quarantine it. */
  public interface RecordHandler {
    void accept(JsonNode record, String pointer);
  }

  /**
   * Streams the elements of the first top-level array named in {@code arrayFields} (or of the root
   * array). Top-level scalar fields are collected into the returned envelope; pass them to the
   * handler through a field if they come first, or use {@link #envelope} beforehand.
   */
  public static ObjectNode forEach(
      Input input, RecordSink sink, Set<String> arrayFields, RecordHandler handler) {
    return forEach(input, sink, arrayFields, Set.of(), handler);
  }

  /**
   * Streams the elements of every top-level array named in {@code arrayFields} (or of the root
   * array), and takes each top-level object named in {@code objectFields} as one record (a
   * single-object GET response such as {@code {"incident":{…}}}). Objects in any other top-level
   * array are recognised but not mapped: each is counted as ignored under {@code /field}, never
   * dropped silently. A document with none of the named fields is one quarantined record whose
   * message names them in alphabetical order.
   */
  public static ObjectNode forEach(
      Input input,
      RecordSink sink,
      Set<String> arrayFields,
      Set<String> objectFields,
      RecordHandler handler) {
    ObjectNode envelope = JsonNodeFactory.instance.objectNode();
    String pointer = "/";
    try (InputStream stream = input.open();
        JsonParser parser = FACTORY.createParser(stream)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        sink.reject(
            "/",
            IngestErrorCode.TRUNCATED,
            "Cannot parse " + input.name() + ": the file is empty",
            "");
        return envelope;
      }
      if (first == JsonToken.START_ARRAY) {
        streamArray(parser, "", sink, handler);
        return envelope;
      }
      if (first != JsonToken.START_OBJECT) {
        sink.reject(
            "/",
            IngestErrorCode.MALFORMED_JSON,
            "Cannot parse " + input.name() + ": expected a JSON object or array, found " + first,
            "");
        return envelope;
      }
      boolean found = false;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        pointer = "/" + field;
        if (value == JsonToken.START_ARRAY && arrayFields.contains(field)) {
          found = true;
          streamArray(parser, "/" + field, sink, handler);
        } else if (value == JsonToken.START_OBJECT && objectFields.contains(field)) {
          found = true;
          JsonNode record = MAPPER.readTree(parser);
          sink.read();
          apply(record, "/" + field, sink, handler);
        } else if (value == JsonToken.START_ARRAY) {
          ignoreArray(parser, "/" + field, sink);
        } else if (value.isStructStart()) {
          JsonNode node = MAPPER.readTree(parser);
          envelope.set(field, node);
        } else {
          envelope.set(field, MAPPER.readTree(parser));
        }
      }
      if (!found) {
        sink.reject(
            "/",
            IngestErrorCode.MISSING_FIELD,
            "Cannot parse "
                + input.name()
                + ": no array "
                + new java.util.TreeSet<>(arrayFields)
                + (objectFields.isEmpty()
                    ? ""
                    : " or object " + new java.util.TreeSet<>(objectFields))
                + " at the top level",
            "");
      }
    } catch (JsonEOFException e) {
      sink.reject(
          pointer,
          IngestErrorCode.TRUNCATED,
          "Cannot parse " + input.name() + ": the file ends mid-record at " + location(e),
          "");
    } catch (JsonParseException e) {
      sink.reject(
          pointer,
          IngestErrorCode.MALFORMED_JSON,
          "Cannot parse " + input.name() + ": " + e.getOriginalMessage() + " at " + location(e),
          "");
    } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
      sink.reject(
          pointer,
          IngestErrorCode.TOO_LARGE,
          "Cannot parse " + input.name() + ": " + e.getOriginalMessage(),
          "");
    } catch (UnsafeInputException e) {
      sink.reject(pointer, e.code(), e.getMessage(), "");
    } catch (IOException e) {
      sink.reject(
          pointer,
          IngestErrorCode.MALFORMED_JSON,
          "Cannot read " + input.name() + ": " + e.getMessage(),
          "");
    }
    return envelope;
  }

  /** Counts the objects of an array the reader does not map as ignored, under its path. */
  private static void ignoreArray(JsonParser parser, String path, RecordSink sink)
      throws IOException {
    while (true) {
      JsonToken token = parser.nextToken();
      if (token == JsonToken.END_ARRAY) {
        return;
      }
      if (token == null) {
        throw new JsonEOFException(parser, null, "unexpected end of input inside an array");
      }
      if (token == JsonToken.START_OBJECT) {
        parser.skipChildren();
        sink.ignore(path);
      } else if (token.isStructStart()) {
        parser.skipChildren();
      }
    }
  }

  private static void streamArray(
      JsonParser parser, String prefix, RecordSink sink, RecordHandler handler) throws IOException {
    int index = 0;
    while (true) {
      JsonToken token = parser.nextToken();
      if (token == JsonToken.END_ARRAY) {
        return;
      }
      if (token == null) {
        throw new JsonEOFException(parser, null, "unexpected end of input inside an array");
      }
      String pointer = prefix + "/" + index++;
      JsonNode record;
      try {
        record = MAPPER.readTree(parser);
      } catch (JsonEOFException e) {
        sink.read();
        throw e;
      }
      sink.read();
      apply(record, pointer, sink, handler);
    }
  }

  /** Applies a handler to one already-read record, quarantining it on failure. */
  public static void applyOne(
      JsonNode record, String pointer, RecordSink sink, RecordHandler handler) {
    apply(record, pointer, sink, handler);
  }

  static void apply(JsonNode record, String pointer, RecordSink sink, RecordHandler handler) {
    apply(record, pointer, sink, handler, record::toString);
  }

  /** As above; a rejected record is quarantined with {@code raw}'s text. */
  private static void apply(
      JsonNode record,
      String pointer,
      RecordSink sink,
      RecordHandler handler,
      java.util.function.Supplier<String> raw) {
    try {
      if (!record.isObject()) {
        throw new RecordException(
            IngestErrorCode.WRONG_TYPE,
            "Invalid record: expected an object, found "
                + record.getNodeType().name().toLowerCase());
      }
      handler.accept(record, pointer);
    } catch (RecordException e) {
      sink.reject(pointer, e.code(), e.getMessage(), raw.get());
    } catch (IllegalArgumentException e) {
      sink.reject(
          pointer, IngestErrorCode.UNKNOWN_VALUE, "Invalid record: " + e.getMessage(), raw.get());
    }
  }

  /** Streams a JSON Lines file: one record per line; a bad line is quarantined, the rest go on. */
  public static void forEachLine(Input input, RecordSink sink, RecordHandler handler) {
    forEachLine(input, sink, null, handler);
  }

  /**
   * Streams a JSON Lines file whose records are objects, keeping only the top-level fields in
   * {@code fields} (the others are parsed and checked, but skipped without building their tree):
   * for the hot path of readers that use a few fields of large records. A record the handler
   * rejects is quarantined with its line verbatim.
   */
  public static void forEachLine(
      Input input, RecordSink sink, Set<String> fields, RecordHandler handler) {
    // From bytes: lines are cut in a byte buffer and parsed in place by Jackson's UTF-8 parser;
    // a line becomes a String only when it is quarantined.
    try (InputStream stream = input.open()) {
      byte[] buffer = new byte[1 << 20];
      int filled = 0;
      int number = 0;
      boolean end = false;
      while (!end || filled > 0) {
        if (!end && filled < buffer.length) {
          int read = stream.readNBytes(buffer, filled, buffer.length - filled);
          if (read < buffer.length - filled) {
            end = true;
          }
          filled += read;
        }
        int start = 0;
        int newline;
        while ((newline = indexOf(buffer, start, filled, (byte) '\n')) >= 0
            || (end && start < filled)) {
          int stop = newline >= 0 ? newline : filled;
          number++;
          line(input, sink, fields, handler, buffer, start, stop, number);
          start = newline >= 0 ? newline + 1 : filled;
        }
        if (start == 0 && filled == buffer.length) {
          buffer = java.util.Arrays.copyOf(buffer, buffer.length * 2); // a line longer than it
        } else if (start > 0) {
          System.arraycopy(buffer, start, buffer, 0, filled - start);
        }
        filled -= start;
        if (end && filled == 0) {
          break;
        }
      }
    } catch (UnsafeInputException e) {
      sink.reject("/", e.code(), e.getMessage(), "");
    } catch (IOException e) {
      sink.reject(
          "/",
          IngestErrorCode.MALFORMED_JSON,
          "Cannot read " + input.name() + ": " + e.getMessage(),
          "");
    }
  }

  private static int indexOf(byte[] buffer, int from, int to, byte target) {
    for (int i = from; i < to; i++) {
      if (buffer[i] == target) {
        return i;
      }
    }
    return -1;
  }

  private static void line(
      Input input,
      RecordSink sink,
      Set<String> fields,
      RecordHandler handler,
      byte[] buffer,
      int start,
      int stop,
      int number) {
    boolean blank = true;
    for (int i = start; i < stop && blank; i++) {
      byte b = buffer[i];
      blank = b == ' ' || b == '\t' || b == '\r' || b == 0x0b || b == '\f';
    }
    if (blank) {
      return;
    }
    sink.read();
    String position = "line " + number;
    JsonNode record;
    try {
      record =
          fields == null
              ? MAPPER.readTree(buffer, start, stop - start)
              : pruned(buffer, start, stop - start, fields);
    } catch (JsonEOFException e) {
      sink.reject(
          position,
          IngestErrorCode.TRUNCATED,
          "Cannot parse " + input.name() + " " + position + ": the line ends mid-record",
          lineText(buffer, start, stop));
      return;
    } catch (IOException e) {
      sink.reject(
          position,
          IngestErrorCode.MALFORMED_JSON,
          "Cannot parse " + input.name() + " " + position + ": " + firstLine(e.getMessage()),
          lineText(buffer, start, stop));
      return;
    }
    if (record == null || record.isMissingNode()) {
      return;
    }
    if (fields == null) {
      apply(record, position, sink, handler);
    } else {
      apply(record, position, sink, handler, () -> lineText(buffer, start, stop));
    }
  }

  /** One record with only the named top-level fields; a non-object is returned whole. */
  private static JsonNode pruned(byte[] buffer, int start, int length, Set<String> fields)
      throws IOException {
    try (JsonParser parser = FACTORY.createParser(buffer, start, length)) {
      JsonToken first = parser.nextToken();
      if (first != JsonToken.START_OBJECT) {
        return MAPPER.readTree(buffer, start, length);
      }
      ObjectNode record = JsonNodeFactory.instance.objectNode();
      JsonToken token;
      while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if (fields.contains(field)) {
          record.set(field, MAPPER.readTree(parser));
        } else if (value.isStructStart()) {
          parser.skipChildren();
        }
      }
      if (token != JsonToken.END_OBJECT) {
        throw new JsonEOFException(parser, token, "unexpected end of input inside an object");
      }
      // As readTree: what follows the object on the line is not read.
      return record;
    }
  }

  private static String lineText(byte[] buffer, int start, int stop) {
    int end = stop > start && buffer[stop - 1] == '\r' ? stop - 1 : stop;
    return new String(buffer, start, end - start, StandardCharsets.UTF_8);
  }

  /**
   * The top-level scalar fields of a JSON object, skipping every array and object: a fast first
   * pass for envelope fields that come after the records (PagerDuty analytics' {@code time_zone}).
   */
  public static java.util.Map<String, String> envelope(Input input) {
    java.util.Map<String, String> scalars = new java.util.HashMap<>();
    try (InputStream stream = input.open();
        JsonParser parser = FACTORY.createParser(stream)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return scalars;
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if (value.isStructStart()) {
          parser.skipChildren();
        } else if (value != JsonToken.VALUE_NULL) {
          scalars.put(field, parser.getText());
        }
      }
    } catch (IOException | RuntimeException e) {
      // a broken file is reported by the record pass
    }
    return scalars;
  }

  /** Reads a whole (small) JSON document: metadata files such as Slack's users.json. */
  public static JsonNode readSmall(Input input) throws IOException {
    try (InputStream stream = input.open()) {
      return MAPPER.readTree(stream);
    }
  }

  /** A JSON pointer as a path of the summary: array indexes become {@code *}. */
  public static String path(String pointer) {
    return pointer.replaceAll("/[0-9]+(?=/|$)", "/*");
  }

  /**
   * Counts the objects of the arrays {@code fields} nested in a record as ignored (recognised, not
   * mapped) under the record's path.
   */
  public static void ignoreNested(
      JsonNode record, String pointer, RecordSink sink, String... fields) {
    for (String field : fields) {
      JsonNode nested = record.get(field);
      if (nested != null && nested.isArray()) {
        for (JsonNode element : nested) {
          if (element.isObject()) {
            sink.ignore(path(pointer) + "/" + field);
          }
        }
      }
    }
  }

  private static String location(JsonParseException e) {
    var location = e.getLocation();
    return location == null
        ? "unknown position"
        : "line " + location.getLineNr() + ", column " + location.getColumnNr();
  }

  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
