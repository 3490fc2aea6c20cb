package dev.incidents.cli;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/** The peak of heap in use after a garbage collection, for the bench's memory figures. */
final class LiveHeap {
  private static final AtomicLong PEAK = new AtomicLong();
  private static boolean listening;
  private static final java.util.Set<String> HEAP_POOLS = heapPools();

  private static java.util.Set<String> heapPools() {
    java.util.Set<String> names = new java.util.HashSet<>();
    for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == java.lang.management.MemoryType.HEAP) {
        names.add(pool.getName());
      }
    }
    return names;
  }

  private LiveHeap() {}

  static synchronized void reset() {
    if (!listening) {
      for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
        if (collector instanceof NotificationEmitter emitter) {
          emitter.addNotificationListener(
              (notification, handback) -> {
                if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
                    notification.getType())) {
                  GarbageCollectionNotificationInfo info =
                      GarbageCollectionNotificationInfo.from(
                          (CompositeData) notification.getUserData());
                  long used = 0;
                  for (var pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                    if (HEAP_POOLS.contains(pool.getKey())) {
                      used += pool.getValue().getUsed();
                    }
                  }
                  PEAK.accumulateAndGet(used, Math::max);
                }
              },
              null,
              null);
        }
      }
      listening = true;
    }
    PEAK.set(0);
  }

  static long peak() {
    return PEAK.get();
  }
}
