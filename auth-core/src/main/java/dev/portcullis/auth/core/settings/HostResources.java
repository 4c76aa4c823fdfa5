package dev.portcullis.auth.core.settings;

/**
 * What the JVM has to work with, as settings validation sees it: the maximum heap and the
 * processors. {@link #current()} reads the running JVM; tests pass their own.
 *
 * @param maxHeapBytes {@link Runtime#maxMemory()}, {@link Long#MAX_VALUE} when unlimited
 * @param processors {@link Runtime#availableProcessors()}, at least 1
 */
public record HostResources(long maxHeapBytes, int processors) {

  public HostResources {
    if (maxHeapBytes < 1 || processors < 1) {
      throw new IllegalArgumentException("maxHeapBytes and processors must be positive");
    }
  }

  /** The running JVM's maximum heap and available processors. */
  public static HostResources current() {
    Runtime rt = Runtime.getRuntime();
    return new HostResources(rt.maxMemory(), rt.availableProcessors());
  }
}
