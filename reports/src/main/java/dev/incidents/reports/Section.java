package dev.incidents.reports;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * One section of a report as typed content: a title and an ordered list of blocks (paragraphs in
 * Markdown inline syntax, sub-headings, bullet lists, tables and charts). Every output format
 * (Markdown, HTML, PDF, XLSX) is rendered from the same sections. The anchor is the id the HTML
 * gives the section's heading (Flexmark derives it from the title), so links can point at it.
 */
public record Section(String anchor, String title, List<Block> blocks) {
  public Section {
    requireNonNull(anchor, "anchor is null");
    requireNonNull(title, "title is null");
    blocks = List.copyOf(blocks);
  }

  /** A piece of a section. */
  public sealed interface Block permits Paragraph, Heading, Bullets, TableBlock, ChartBlock {}

  /** A paragraph; Markdown inline syntax (emphasis, links) is allowed. */
  public record Paragraph(String text) implements Block {
    public Paragraph {
      requireNonNull(text, "text is null");
    }
  }

  /** A sub-heading inside the section. */
  public record Heading(String text) implements Block {
    public Heading {
      requireNonNull(text, "text is null");
    }
  }

  /** A bullet list; each item in Markdown inline syntax. */
  public record Bullets(List<String> items) implements Block {
    public Bullets {
      items = List.copyOf(items);
    }
  }

  /** A table. */
  public record TableBlock(Table table) implements Block {
    public TableBlock {
      requireNonNull(table, "table is null");
    }
  }

  /** A chart. */
  public record ChartBlock(Chart chart) implements Block {
    public ChartBlock {
      requireNonNull(chart, "chart is null");
    }
  }

  /** Collects the blocks of a section in order. */
  public static final class Builder {
    private final String anchor;
    private final String title;
    private final List<Block> blocks = new ArrayList<>();

    public Builder(String anchor, String title) {
      this.anchor = anchor;
      this.title = title;
    }

    public Builder paragraph(String text) {
      blocks.add(new Paragraph(text));
      return this;
    }

    public Builder heading(String text) {
      blocks.add(new Heading(text));
      return this;
    }

    public Builder bullets(List<String> items) {
      blocks.add(new Bullets(items));
      return this;
    }

    public Builder table(Table table) {
      blocks.add(new TableBlock(table));
      return this;
    }

    public Builder chart(Chart chart) {
      blocks.add(new ChartBlock(chart));
      return this;
    }

    public Section build() {
      return new Section(anchor, title, blocks);
    }
  }
}
