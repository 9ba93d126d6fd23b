package io.serspark.embed;

import io.serspark.config.ConfigException;
import java.io.Serializable;
import java.util.TreeSet;

/**
 * Which hidden states to pool: {@code all}, or indices and ranges such as {@code 0,6,12} or {@code
 * 1-4,12}. Index 0 is the transformer's input (the projected conv features), as Hugging Face's
 * {@code hidden_states[0]}; index i is the output of transformer layer i. Syntax is checked at
 * once; indices against the model later.
 */
public final class LayerSelection implements Serializable {
  private final String text;
  private final int[] explicit; // null = all

  private LayerSelection(String text, int[] explicit) {
    this.text = text;
    this.explicit = explicit;
  }

  public static LayerSelection parse(String text) {
    if (text == null || text.isBlank()) throw bad(text, "it is empty");
    String t = text.trim();
    if (t.equalsIgnoreCase("all")) return new LayerSelection("all", null);
    TreeSet<Integer> layers = new TreeSet<>();
    for (String part : t.split(",")) {
      String p = part.trim();
      try {
        int dash = p.indexOf('-', 1);
        if (dash > 0) {
          int a = Integer.parseInt(p.substring(0, dash).trim());
          int b = Integer.parseInt(p.substring(dash + 1).trim());
          if (a < 0 || b < a)
            throw bad(text, "range '" + p + "' must be low-high with 0 <= low <= high");
          for (int i = a; i <= b; i++) layers.add(i);
        } else {
          int i = Integer.parseInt(p);
          if (i < 0) throw bad(text, "layer " + i + " is negative");
          layers.add(i);
        }
      } catch (NumberFormatException e) {
        throw bad(text, "'" + p + "' is not a layer index or range");
      }
    }
    return new LayerSelection(t, layers.stream().mapToInt(Integer::intValue).toArray());
  }

  /**
   * The selected indices for a model with {@code hiddenStates} hidden states (layers + 1),
   * ascending.
   */
  public int[] resolve(int hiddenStates) {
    if (explicit == null) {
      int[] all = new int[hiddenStates];
      for (int i = 0; i < hiddenStates; i++) all[i] = i;
      return all;
    }
    for (int i : explicit) {
      if (i >= hiddenStates) {
        throw new ConfigException(
            "--layers "
                + text
                + ": the model has hidden states 0.."
                + (hiddenStates - 1)
                + " (embedding output + "
                + (hiddenStates - 1)
                + " transformer layers); "
                + i
                + " is out of range");
      }
    }
    return explicit.clone();
  }

  @Override
  public String toString() {
    return text;
  }

  private static ConfigException bad(String text, String why) {
    return new ConfigException(
        "--layers '" + text + "': " + why + " (use 'all' or e.g. '0,6,12' or '1-4')");
  }
}
