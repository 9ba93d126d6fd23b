package io.serspark.embeddings;

import org.apache.spark.Partitioner;

/**
 * Bucket i goes to partition i: one bucket per task, so that no task gets two buckets while another
 * idles.
 */
final class BucketPartitioner extends Partitioner {
  private final int buckets;

  BucketPartitioner(int buckets) {
    this.buckets = buckets;
  }

  @Override
  public int numPartitions() {
    return buckets;
  }

  @Override
  public int getPartition(Object key) {
    return (Integer) key;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BucketPartitioner b && b.buckets == buckets;
  }

  @Override
  public int hashCode() {
    return buckets;
  }
}
