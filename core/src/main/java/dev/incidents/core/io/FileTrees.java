package dev.incidents.core.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** File-tree helpers shared by the lake, the generator, the reports and the bench. */
public final class FileTrees {
  private FileTrees() {}

  /** Deletes a file or folder and everything below it; links are deleted, never followed. */
  public static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path each : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(each);
      }
    }
  }

  /** Total size in bytes of the regular files at or below {@code path}. */
  public static long size(Path path) throws IOException {
    try (Stream<Path> walk = Files.walk(path)) {
      long bytes = 0;
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        bytes += Files.size(file);
      }
      return bytes;
    }
  }
}
