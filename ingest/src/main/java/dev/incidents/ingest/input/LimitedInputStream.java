package dev.incidents.ingest.input;

import dev.incidents.core.model.IngestErrorCode;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;

/** Counts inflated bytes and stops a zip entry that breaks the archive limits. */
final class LimitedInputStream extends FilterInputStream {
  private final String name;
  private final long compressedSize;
  private final ArchiveLimits limits;
  private final AtomicLong archiveTotal;
  private long read;

  LimitedInputStream(
      InputStream in,
      String name,
      long compressedSize,
      ArchiveLimits limits,
      AtomicLong archiveTotal) {
    super(in);
    this.name = name;
    this.compressedSize = compressedSize;
    this.limits = limits;
    this.archiveTotal = archiveTotal;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      count(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    if (n > 0) {
      count(n);
    }
    return n;
  }

  private void count(long n) {
    read += n;
    long total = archiveTotal.addAndGet(n);
    if (read > limits.maxEntryBytes()) {
      throw new UnsafeInputException(
          IngestErrorCode.TOO_LARGE,
          "Invalid zip entry "
              + name
              + ": more than "
              + limits.maxEntryBytes()
              + " bytes uncompressed");
    }
    if (total > limits.maxTotalBytes()) {
      throw new UnsafeInputException(
          IngestErrorCode.TOO_LARGE,
          "Invalid zip archive: more than "
              + limits.maxTotalBytes()
              + " bytes uncompressed in total (at "
              + name
              + ")");
    }
    if (read > limits.ratioFloorBytes()
        && compressedSize > 0
        && read / compressedSize > limits.maxRatio()) {
      throw new UnsafeInputException(
          IngestErrorCode.TOO_LARGE,
          "Invalid zip entry "
              + name
              + ": compression ratio above "
              + limits.maxRatio()
              + ":1 (zip bomb?)");
    }
  }
}
