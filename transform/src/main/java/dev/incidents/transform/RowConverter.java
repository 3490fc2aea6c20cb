package dev.incidents.transform;

import dev.incidents.core.schema.Column;
import java.sql.Array;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Turns an engine's value into the lake's Java type for a column. */
public final class RowConverter {
  private RowConverter() {}

  public static Object convert(Column column, Object value) {
    if (value == null) {
      return null;
    }
    return switch (column.type()) {
      case STRING -> value.toString();
      case BIGINT -> ((Number) value).longValue();
      case INT -> ((Number) value).intValue();
      case DOUBLE -> ((Number) value).doubleValue();
      case BOOLEAN -> (Boolean) value;
      case TIMESTAMP -> instant(value);
      case DATE -> date(value);
      case STRING_ARRAY -> list(value);
      case STRING_MAP -> value;
    };
  }

  static Instant instant(Object value) {
    if (value instanceof Instant instant) {
      return instant;
    }
    if (value instanceof OffsetDateTime offset) {
      return offset.toInstant();
    }
    if (value instanceof ZonedDateTime zoned) {
      return zoned.toInstant();
    }
    if (value instanceof java.sql.Timestamp timestamp) {
      return timestamp.toInstant();
    }
    throw new IllegalArgumentException("Cannot convert " + value.getClass() + " to a timestamp");
  }

  static LocalDate date(Object value) {
    if (value instanceof LocalDate date) {
      return date;
    }
    if (value instanceof java.sql.Date date) {
      return date.toLocalDate();
    }
    throw new IllegalArgumentException("Cannot convert " + value.getClass() + " to a date");
  }

  static List<String> list(Object value) {
    try {
      Object[] elements;
      if (value instanceof Array array) {
        elements = (Object[]) array.getArray();
      } else if (value instanceof List<?> list) {
        elements = list.toArray();
      } else if (value instanceof scala.collection.Seq<?> seq) {
        elements = scala.jdk.javaapi.CollectionConverters.asJava(seq).toArray();
      } else if (value instanceof Object[] array) {
        elements = array;
      } else {
        throw new IllegalArgumentException("Cannot convert " + value.getClass() + " to a list");
      }
      List<String> result = new ArrayList<>(elements.length);
      Arrays.stream(elements)
          .forEach(element -> result.add(element == null ? null : element.toString()));
      return result;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
