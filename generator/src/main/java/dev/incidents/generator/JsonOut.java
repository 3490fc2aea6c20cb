package dev.incidents.generator;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Streaming JSON output, so generation memory stays flat whatever the size. */
final class JsonOut {
  static final JsonFactory FACTORY = new JsonFactory();

  private JsonOut() {}

  static JsonGenerator open(Path file, boolean pretty) throws IOException {
    Files.createDirectories(file.getParent());
    OutputStream stream = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
    JsonGenerator generator = FACTORY.createGenerator(stream, JsonEncoding.UTF8);
    if (pretty) {
      DefaultPrettyPrinter printer =
          new DefaultPrettyPrinter()
              .withObjectIndenter(new DefaultIndenter("    ", "\n"))
              .withArrayIndenter(new DefaultIndenter("    ", "\n"));
      generator.setPrettyPrinter(printer);
    }
    return generator;
  }

  static void stringOrNull(JsonGenerator json, String field, String value) throws IOException {
    if (value == null) {
      json.writeNullField(field);
    } else {
      json.writeStringField(field, value);
    }
  }
}
