package dev.incidents.lake;

import java.util.Arrays;
import java.util.Comparator;
import java.util.function.Function;

/**
 * Sorts staged entries by key in the order of {@link String#compareTo}, then by a comparator for
 * equal keys. A comparison sort of entries spends its time on cache misses: entry, key string and
 * key bytes, for both sides of each of its n log n comparisons, entries scattered over the heap
 * (JFR showed 260 ms for 55,000 alerts). Here every key is copied once, in entry order, into one
 * {@code char} array, and a multikey quicksort (Bentley and Sedgewick's three-way radix quicksort)
 * orders an index of positions by the characters there: it looks at each distinguishing character
 * about log n times and never re-reads the long prefixes that vendor ids share ({@code
 * alertmanager:alert:}, {@code slack:message:C…}). Characters compare as UTF-16 code units and a
 * key that ends sorts first, as {@code String.compareTo} does; entries with equal keys are then put
 * in the comparator's order.
 */
final class KeySort {
  /** Below this, insertion sort. */
  private static final int SMALL = 12;

  private KeySort() {}

  /**
   * Sorts {@code entries} by key, then by {@code order}, which must order by key first with {@link
   * String#compareTo}.
   */
  static <T> void sort(T[] entries, Function<T, String> key, Comparator<? super T> order) {
    int n = entries.length;
    if (n < 2) {
      return;
    }
    int[] start = new int[n + 1];
    long total = 0;
    String[] keys = new String[n];
    for (int i = 0; i < n; i++) {
      keys[i] = key.apply(entries[i]);
      start[i] = (int) total;
      total += keys[i].length();
      if (total > Integer.MAX_VALUE - 8) {
        Arrays.sort(entries, order); // keys too long to pack: the plain sort
        return;
      }
    }
    start[n] = (int) total;
    char[] chars = new char[(int) total];
    for (int i = 0; i < n; i++) {
      keys[i].getChars(0, keys[i].length(), chars, start[i]);
    }
    int[] index = new int[n];
    for (int i = 0; i < n; i++) {
      index[i] = i;
    }
    Keys packed = new Keys(chars, start);
    packed.sort(index, 0, n, 0);
    Object[] sorted = new Object[n];
    for (int i = 0; i < n; i++) {
      sorted[i] = entries[index[i]];
    }
    System.arraycopy(sorted, 0, entries, 0, n);
    // Equal keys are adjacent: their entries go in the comparator's order.
    int from = 0;
    for (int i = 1; i <= n; i++) {
      if (i == n || !packed.equal(index[i], index[from])) {
        if (i - from > 1) {
          Arrays.sort(entries, from, i, order);
        }
        from = i;
      }
    }
  }

  /** The keys, packed: key {@code i} is {@code chars[start[i] .. start[i + 1])}. */
  private static final class Keys {
    private final char[] chars;
    private final int[] start;

    Keys(char[] chars, int[] start) {
      this.chars = chars;
      this.start = start;
    }

    /** The character of key {@code i} at {@code depth}, or -1 past its end. */
    private int at(int i, int depth) {
      int position = start[i] + depth;
      return position < start[i + 1] ? chars[position] : -1;
    }

    boolean equal(int a, int b) {
      return Arrays.equals(chars, start[a], start[a + 1], chars, start[b], start[b + 1]);
    }

    /** Compares two keys from {@code depth} on (they are equal before it). */
    private int compare(int a, int b, int depth) {
      return Arrays.compare(
          chars, start[a] + depth, start[a + 1], chars, start[b] + depth, start[b + 1]);
    }

    void sort(int[] index, int lo, int hi, int depth) {
      while (hi - lo > 1) {
        if (hi - lo <= SMALL) {
          insertion(index, lo, hi, depth);
          return;
        }
        int pivot = at(index[median(index, lo, hi, depth)], depth);
        // Three-way partition: [lo, lt) below, [lt, gt) equal, [gt, hi) above the pivot.
        int lt = lo;
        int gt = hi;
        int i = lo;
        while (i < gt) {
          int c = at(index[i], depth);
          if (c < pivot) {
            swap(index, lt++, i++);
          } else if (c > pivot) {
            swap(index, i, --gt);
          } else {
            i++;
          }
        }
        // The equal part goes on at the next character (keys that end here are equal: done).
        // The two smaller parts recurse, each at most half the range, and the largest loops, so
        // the stack stays within log2(n) frames whatever the keys.
        int below = lt - lo;
        int equal = gt - lt;
        int above = hi - gt;
        if (pivot < 0) {
          // The equal part is keys that end here, all equal: only the part above remains (no key
          // is below one that ends).
          lo = gt;
          continue;
        }
        if (equal >= below && equal >= above) {
          sort(index, lo, lt, depth);
          sort(index, gt, hi, depth);
          lo = lt;
          hi = gt;
          depth++;
          if (below == 0 && above == 0) {
            // A shared prefix (vendor ids): skip to where the keys first differ, in one pass.
            depth = commonPrefix(index, lo, hi, depth);
          }
        } else if (below >= above) {
          sort(index, gt, hi, depth);
          if (equal > 0) {
            sort(index, lt, gt, depth + 1);
          }
          hi = lt;
        } else {
          sort(index, lo, lt, depth);
          if (equal > 0) {
            sort(index, lt, gt, depth + 1);
          }
          lo = gt;
        }
      }
    }

    /** The length of the range's common prefix, knowing that it is at least {@code depth}. */
    private int commonPrefix(int[] index, int lo, int hi, int depth) {
      int first = index[lo];
      int common = start[first + 1] - start[first];
      for (int i = lo + 1; i < hi && common > depth; i++) {
        int other = index[i];
        int limit = Math.min(common, start[other + 1] - start[other]);
        int mismatch =
            Arrays.mismatch(
                chars,
                start[first] + depth,
                start[first] + limit,
                chars,
                start[other] + depth,
                start[other] + limit);
        common = mismatch < 0 ? limit : depth + mismatch;
      }
      return common;
    }

    private int median(int[] index, int lo, int hi, int depth) {
      int mid = (lo + hi) >>> 1;
      int a = at(index[lo], depth);
      int b = at(index[mid], depth);
      int c = at(index[hi - 1], depth);
      if (a < b) {
        return b < c ? mid : a < c ? hi - 1 : lo;
      }
      return a < c ? lo : b < c ? hi - 1 : mid;
    }

    private void insertion(int[] index, int lo, int hi, int depth) {
      for (int i = lo + 1; i < hi; i++) {
        int value = index[i];
        int j = i - 1;
        while (j >= lo && compare(index[j], value, depth) > 0) {
          index[j + 1] = index[j];
          j--;
        }
        index[j + 1] = value;
      }
    }

    private static void swap(int[] index, int a, int b) {
      int t = index[a];
      index[a] = index[b];
      index[b] = t;
    }
  }
}
