package dev.incidents.ingest.input;

/**
 * Limits for reading zip archives. Sizes in the zip headers can lie, so the limits are enforced on
 * the bytes actually inflated.
 *
 * @param maxEntryBytes the largest uncompressed entry
 * @param maxTotalBytes the most uncompressed bytes read from one archive
 * @param maxRatio the largest uncompressed/compressed ratio, checked once an entry passes {@code
 *     ratioFloorBytes}
 */
public record ArchiveLimits(
    long maxEntryBytes, long maxTotalBytes, long maxRatio, long ratioFloorBytes) {
  public static final ArchiveLimits DEFAULT =
      new ArchiveLimits(8L << 30, 64L << 30, 200, 32L << 20);
}
