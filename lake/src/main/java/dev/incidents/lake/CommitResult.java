package dev.incidents.lake;

/**
 * What a commit did.
 *
 * @param committed false when the write changed nothing and the old version was kept
 * @param rowsInTable rows in the table after the commit
 * @param inserted keys that were not in the table before
 * @param updated existing keys whose content changed
 * @param unchanged existing keys written again with identical content
 * @param duplicatesInBatch rows that repeated a key already given in the same write (last wins)
 */
public record CommitResult(
    boolean committed,
    long rowsInTable,
    long inserted,
    long updated,
    long unchanged,
    long duplicatesInBatch) {}
