package io.serspark.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A bench program's {@code --name value} options: each name checked against the program's own, a
 * missing required one or a stray word answered with the program's usage line and exit code 2.
 */
public final class BenchArgs {
  private final Map<String, String> values = new HashMap<>();

  private BenchArgs() {}

  /**
   * Parses {@code args}; {@code names} are the options the program takes, {@code required} those it
   * cannot run without.
   */
  public static BenchArgs parse(
      String[] args, String usage, List<String> names, List<String> required) {
    BenchArgs a = new BenchArgs();
    for (int i = 0; i < args.length; i += 2) {
      if (!names.contains(args[i]) || i + 1 >= args.length) {
        System.err.println(
            (names.contains(args[i]) ? args[i] + " needs a value" : "unknown option " + args[i])
                + "\nusage: "
                + usage);
        System.exit(2);
      }
      a.values.put(args[i], args[i + 1]);
    }
    for (String r : required) {
      if (!a.values.containsKey(r)) {
        System.err.println("usage: " + usage);
        System.exit(2);
      }
    }
    return a;
  }

  public String get(String name, String otherwise) {
    return values.getOrDefault(name, otherwise);
  }

  public int getInt(String name, int otherwise) {
    return values.containsKey(name) ? Integer.parseInt(values.get(name)) : otherwise;
  }
}
