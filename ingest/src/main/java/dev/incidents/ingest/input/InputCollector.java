package dev.incidents.ingest.input;

import dev.incidents.core.model.IngestErrorCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Expands the paths a user gives into inputs: plain files, folders (walked without following links
 * out of the folder), zip archives (read in place, entry by entry, through {@link ArchiveLimits}),
 * and Slack workspace exports (a folder or zip holding {@code users.json} and {@code
 * channels.json}), which are read as one bundle.
 */
public final class InputCollector {
  private final ArchiveLimits limits;
  private final List<AutoCloseable> open = new ArrayList<>();

  public InputCollector(ArchiveLimits limits) {
    this.limits = limits;
  }

  /** What the paths expand to, plus the entries refused on the way. */
  public record Collected(List<Input> files, List<Bundle> bundles, List<Refusal> refusals) {}

  /** An input refused before parsing, such as a zip-slip entry. */
  public record Refusal(String name, IngestErrorCode code, String message) {}

  /** A Slack workspace export: its files by relative path. */
  public record Bundle(String name, Map<String, Input> files) {}

  public Collected collect(List<Path> paths) {
    List<Input> files = new ArrayList<>();
    List<Bundle> bundles = new ArrayList<>();
    List<Refusal> refusals = new ArrayList<>();
    for (Path path : paths) {
      if (!Files.exists(path)) {
        throw new IllegalArgumentException("Input not found: " + path);
      }
      if (Files.isDirectory(path)) {
        collectFolder(path, files, bundles, refusals);
      } else if (isZip(path)) {
        collectZip(path, files, bundles, refusals);
      } else {
        files.add(fileInput(path));
      }
    }
    return new Collected(files, bundles, refusals);
  }

  private static boolean isZip(Path path) {
    return path.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".zip");
  }

  private static Input fileInput(Path path) {
    long size;
    try {
      size = Files.size(path);
    } catch (IOException e) {
      size = -1;
    }
    return new Input(path.toString(), size, () -> Files.newInputStream(path));
  }

  private static boolean isSlackFolder(Path folder) {
    return Files.isRegularFile(folder.resolve("users.json"))
        && Files.isRegularFile(folder.resolve("channels.json"));
  }

  private void collectFolder(
      Path root, List<Input> files, List<Bundle> bundles, List<Refusal> refusals) {
    Path realRoot;
    try {
      realRoot = root.toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + root, e);
    }
    List<Path> slackFolders = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path path : walk.sorted().toList()) {
        if (slackFolders.stream().anyMatch(path::startsWith)) {
          continue;
        }
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) && isSlackFolder(path)) {
          slackFolders.add(path);
          bundles.add(folderBundle(path));
          continue;
        }
        if (Files.isSymbolicLink(path)) {
          Path target;
          try {
            target = path.toRealPath();
          } catch (IOException e) {
            refusals.add(
                new Refusal(
                    path.toString(),
                    IngestErrorCode.UNSAFE_ARCHIVE,
                    "Invalid link " + path + ": its target does not exist"));
            continue;
          }
          if (!target.startsWith(realRoot)) {
            refusals.add(
                new Refusal(
                    path.toString(),
                    IngestErrorCode.UNSAFE_ARCHIVE,
                    "Invalid link " + path + ": it points outside the input folder, to " + target));
            continue;
          }
          if (Files.isDirectory(target)) {
            continue; // links to folders inside the input are walked through their real path
          }
        }
        if (!Files.isRegularFile(path)) {
          continue;
        }
        String name = path.getFileName().toString();
        if (name.startsWith(".")) {
          continue;
        }
        if (isZip(path)) {
          collectZip(path, files, bundles, refusals);
        } else {
          files.add(fileInput(path));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + root, e);
    }
  }

  private static Bundle folderBundle(Path folder) throws IOException {
    Map<String, Input> files = new LinkedHashMap<>();
    Path realRoot = folder.toRealPath();
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path path : walk.sorted().toList()) {
        if (Files.isRegularFile(path) && path.toString().endsWith(".json")) {
          if (Files.isSymbolicLink(path) && !path.toRealPath().startsWith(realRoot)) {
            continue;
          }
          files.put(folder.relativize(path).toString().replace('\\', '/'), fileInput(path));
        }
      }
    }
    return new Bundle(folder.toString(), files);
  }

  private void collectZip(
      Path zipPath, List<Input> files, List<Bundle> bundles, List<Refusal> refusals) {
    ZipFile zip;
    try {
      zip = new ZipFile(zipPath.toFile());
    } catch (IOException e) {
      refusals.add(
          new Refusal(
              zipPath.toString(),
              IngestErrorCode.UNSAFE_ARCHIVE,
              "Cannot parse zip archive " + zipPath + ": " + e.getMessage()));
      return;
    }
    open.add(zip);
    AtomicLong total = new AtomicLong();
    Map<String, Input> entries = new LinkedHashMap<>();
    List<? extends ZipEntry> list = zip.stream().toList();
    for (ZipEntry entry : list) {
      if (entry.isDirectory()) {
        continue;
      }
      String name = entry.getName();
      String display = zipPath + "!/" + name;
      if (!isSafeEntryName(name)) {
        refusals.add(
            new Refusal(
                display,
                IngestErrorCode.UNSAFE_ARCHIVE,
                "Invalid zip entry name '"
                    + name
                    + "': it would resolve outside the archive (zip-slip)"));
        continue;
      }
      long compressed = entry.getCompressedSize();
      entries.put(
          name,
          new Input(
              display,
              entry.getSize(),
              () ->
                  new LimitedInputStream(
                      zip.getInputStream(entry), display, compressed, limits, total)));
    }
    String prefix = slackPrefix(entries);
    if (prefix != null) {
      Map<String, Input> bundle = new LinkedHashMap<>();
      for (Map.Entry<String, Input> entry : entries.entrySet()) {
        if (entry.getKey().startsWith(prefix) && entry.getKey().endsWith(".json")) {
          bundle.put(entry.getKey().substring(prefix.length()), entry.getValue());
        } else {
          files.add(entry.getValue());
        }
      }
      bundles.add(new Bundle(zipPath.toString(), bundle));
    } else {
      files.addAll(entries.values());
    }
  }

  /** The folder inside a zip that holds a Slack export ("" at the root), or null. */
  private static String slackPrefix(Map<String, Input> entries) {
    for (String name : entries.keySet()) {
      if (name.endsWith("users.json")) {
        String prefix = name.substring(0, name.length() - "users.json".length());
        if ((prefix.isEmpty() || prefix.endsWith("/"))
            && entries.containsKey(prefix + "channels.json")) {
          return prefix;
        }
      }
    }
    return null;
  }

  static boolean isSafeEntryName(String name) {
    if (name.isEmpty()
        || name.startsWith("/")
        || name.startsWith("\\")
        || name.contains("\\")
        || name.contains("\0")) {
      return false;
    }
    if (name.length() > 1 && name.charAt(1) == ':') {
      return false;
    }
    for (String part : name.split("/")) {
      if (part.equals("..")) {
        return false;
      }
    }
    return true;
  }

  /** Closes the archives opened while collecting. */
  public void close() {
    for (AutoCloseable closeable : open) {
      try {
        closeable.close();
      } catch (Exception ignored) {
        // closing a read-only archive cannot lose data
      }
    }
  }
}
