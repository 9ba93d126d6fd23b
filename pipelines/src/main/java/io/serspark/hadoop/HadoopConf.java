package io.serspark.hadoop;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * A serialisable copy of the driver's Hadoop configuration, so that executors open files with the
 * same credentials and settings (spark.hadoop.*, s3a keys, ...) as the driver. Ship it as a
 * broadcast: it holds hundreds of entries, and in a task closure every task of every stage
 * downstream would deserialise it and rebuild the {@link Configuration}; a broadcast value is read
 * once per executor and its Configuration built once.
 */
public final class HadoopConf implements Serializable {
  private static final long serialVersionUID = 1L;
  private final HashMap<String, String> entries = new HashMap<>();
  private transient Configuration conf;

  public HadoopConf(Configuration source) {
    for (Map.Entry<String, String> e : source) entries.put(e.getKey(), e.getValue());
  }

  public synchronized Configuration get() {
    if (conf == null) {
      Configuration c = new Configuration(false);
      entries.forEach(c::set);
      conf = c;
    }
    return conf;
  }
}
