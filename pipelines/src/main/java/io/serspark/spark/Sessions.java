package io.serspark.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The SparkSession every job uses. spark-submit (or submit.sh's embedded mode, through spark.*
 * system properties) decides the master; when nothing does, serspark runs on local[*].
 */
public final class Sessions {
  private Sessions() {}

  public static SparkSession getOrCreate(String appName) {
    SparkConf conf = new SparkConf(true); // loads spark.* system properties
    if (!conf.contains("spark.master")) conf.setMaster("local[*]");
    if (!conf.contains("spark.app.name")) conf.setAppName("serspark " + appName);
    conf.setIfMissing("spark.sql.session.timeZone", "UTC");
    conf.setIfMissing("spark.ui.enabled", "false");
    conf.setIfMissing("spark.ui.showConsoleProgress", "false");
    conf.setIfMissing("spark.sql.shuffle.partitions", "8");
    return SparkSession.builder().config(conf).getOrCreate();
  }

  /**
   * A small local session for tests: fixed parallelism so that results do not depend on the
   * machine.
   */
  public static SparkSession local(int threads) {
    return SparkSession.builder()
        .master("local[" + threads + "]")
        .appName("serspark-test")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate();
  }
}
