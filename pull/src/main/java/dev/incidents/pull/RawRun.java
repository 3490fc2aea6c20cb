package dev.incidents.pull;

import static java.util.Objects.requireNonNull;

import dev.incidents.core.io.FileTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The raw pages of one source in one run. Pages the ingest reads go to {@code
 * <raw>/<source>/<run-id>/}. Beside it, {@code <run-id>.verbatim/} keeps two kinds of page that the
 * ingest must not read a second time: the verbatim API pages whose records the run folder holds
 * re-laid-out in a format the ingest reads ({@link #original}: Slack, Jira, the Statuspage manage
 * API), and pages without records ({@link #page} with none). Every kind of record a collector
 * fetches reaches the run folder: there is no "unread" kind. While the run is under way both live
 * in {@code <run-id>.partial/}; {@link #commit()} renames them into place, so a run folder without
 * that suffix is always complete. Bytes are written exactly as received; a page that contains a
 * token is refused.
 */
public final class RawRun {
  /** The suffix of the folder beside a run folder that keeps originals and empty pages. */
  public static final String VERBATIM = ".verbatim";

  private final Path sourceRoot;
  private final String runId;
  private final Path partial;
  private final List<byte[]> secrets;
  private int files;
  private int originals;
  private int emptyPages;
  private long bytes;

  public RawRun(Path rawRoot, PullSource source, String runId, List<String> secrets) {
    this.sourceRoot = rawRoot.resolve(source.value());
    this.runId = requireNonNull(runId, "runId is null");
    this.partial = sourceRoot.resolve(runId + ".partial");
    this.secrets =
        secrets.stream()
            .filter(secret -> secret.length() >= 4)
            .map(secret -> secret.getBytes(StandardCharsets.UTF_8))
            .toList();
    try {
      Files.createDirectories(partial.resolve("read"));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create " + partial, e);
    }
  }

  /**
   * Writes a page of {@code records} records that the ingest reads; a page without records goes
   * beside the run folder, since there is nothing to read in it.
   */
  public Path page(String name, byte[] body, int records) {
    if (records == 0) {
      emptyPages++;
      return store(partial.resolve("verbatim"), name, body);
    }
    return write(name, body);
  }

  /** Writes a page the ingest reads; {@code name} is a file name such as {@code incidents-0001}. */
  public Path write(String name, byte[] body) {
    files++;
    return store(partial.resolve("read"), name, body);
  }

  /**
   * Writes one file of an export folder the collector assembles (Slack): {@code folder} is empty
   * for the top level or a channel name, {@code name} the file name without {@code .json}.
   */
  public Path writeExport(String folder, String name, byte[] body) {
    files++;
    if (folder.isEmpty()) {
      return store(partial.resolve("read"), name, body);
    }
    if (!folder.matches("[A-Za-z0-9._-]+") || folder.startsWith(".")) {
      throw new IllegalArgumentException("Invalid export folder name: '" + folder + "'");
    }
    return store(partial.resolve("read").resolve(folder), name, body);
  }

  /**
   * Keeps a verbatim API page whose records the collector also writes, re-laid-out, to the run
   * folder (the ingest reads those, never this copy).
   */
  public Path original(String name, byte[] body) {
    originals++;
    return store(partial.resolve("verbatim"), name, body);
  }

  private Path store(Path folder, String name, byte[] body) {
    if (!name.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException("Invalid raw file name: '" + name + "'");
    }
    for (byte[] secret : secrets) {
      if (contains(body, secret)) {
        throw new PullException(
            PullErrorCode.TOKEN_IN_RESPONSE,
            "A response for " + name + " contains the API token; it was not written");
      }
    }
    Path file = folder.resolve(name + ".json");
    try {
      Files.createDirectories(folder);
      Files.write(file, body);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
    bytes += body.length;
    return file;
  }

  /** Renames the pages into place; returns the folder to ingest. */
  public Path commit() {
    Path target = folder();
    try {
      Files.createDirectories(sourceRoot);
      move(partial.resolve("read"), target);
      Path verbatim = partial.resolve("verbatim");
      if (Files.exists(verbatim)) {
        move(verbatim, sourceRoot.resolve(runId + VERBATIM));
      }
      FileTrees.deleteRecursively(partial);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot move the raw pages into " + target, e);
    }
    return target;
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }

  /** The folder the ingest reads once committed. */
  public Path folder() {
    return sourceRoot.resolve(runId);
  }

  /** Where the pages are while the run is under way (and stay if it fails). */
  public Path partialFolder() {
    return partial;
  }

  public int files() {
    return files;
  }

  /** Verbatim pages whose records the run folder holds re-laid-out. */
  public int originals() {
    return originals;
  }

  /** Pages without records, kept beside the run folder. */
  public int emptyPages() {
    return emptyPages;
  }

  public long bytes() {
    return bytes;
  }

  static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
