package dev.incidents.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTreesTest {
  @TempDir Path dir;

  @Test
  void sizeCountsRegularFilesAtEveryDepth() throws Exception {
    Files.writeString(dir.resolve("a.json"), "12345");
    Files.createDirectories(dir.resolve("nested/deeper"));
    Files.writeString(dir.resolve("nested/deeper/b.jsonl"), "abc");

    assertThat(FileTrees.size(dir)).isEqualTo(8);
    assertThat(FileTrees.size(dir.resolve("a.json"))).isEqualTo(5);
  }

  @Test
  void deleteRecursivelyRemovesTheTreeButNotALinkedTarget() throws Exception {
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Files.writeString(outside.resolve("keep.txt"), "keep");
    Path tree = Files.createDirectories(dir.resolve("tree/sub"));
    Files.writeString(tree.resolve("x.txt"), "x");
    Files.createSymbolicLink(dir.resolve("tree/link"), outside);

    FileTrees.deleteRecursively(dir.resolve("tree"));

    assertThat(dir.resolve("tree")).doesNotExist();
    assertThat(outside.resolve("keep.txt")).hasContent("keep");
  }
}
