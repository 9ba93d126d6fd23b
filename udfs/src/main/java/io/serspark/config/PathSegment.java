package io.serspark.config;

import java.util.regex.Pattern;

/**
 * A name the user gives that becomes one folder name in the warehouse (a run id, an embedding
 * table's name, a corpus, a benchmark): checked before any work, so that no name can reach outside
 * the folder it is meant to name. {@code --run-id ..} once made {@code runs/train/..}, i.e. {@code
 * runs/}, the folder a train run replaced.
 *
 * <p>Refused, each with its own message: empty, {@code .} and {@code ..}, a path separator, a
 * control character, a leading {@code .} or {@code _} (the warehouse's own hidden and staging
 * names), more than {@link #MAX_LENGTH} characters, and anything but letters, digits and {@code . _
 * - = +}.
 */
public final class PathSegment {
  /**
   * Far above any name a person types, far below the 255 bytes a file-system name may have (room
   * for suffixes).
   */
  public static final int MAX_LENGTH = 120;

  private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._=+-]+");

  private PathSegment() {}

  /**
   * {@code value} when it is a safe folder name; otherwise a {@link ConfigException} naming {@code
   * what}.
   */
  public static String check(String what, String value) {
    if (value == null || value.isEmpty()) {
      throw new ConfigException(
          what + " is empty: give a name (letters, digits, '.', '_', '-', '=', '+')");
    }
    if (value.equals(".") || value.equals("..")) {
      throw new ConfigException(
          what
              + " '"
              + value
              + "' names the current or the parent folder, not a folder of its "
              + "own; give a name (letters, digits, '.', '_', '-', '=', '+')");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isISOControl(c)) {
        throw new ConfigException(
            what
                + " '"
                + shown(value)
                + "' contains a control character ("
                + String.format("U+%04X", (int) c)
                + "); give a name of letters, digits, '.', '_', '-', '=', '+'");
      }
    }
    if (value.indexOf('/') >= 0 || value.indexOf('\\') >= 0) {
      throw new ConfigException(
          what
              + " '"
              + shown(value)
              + "' contains a path separator: it names one folder, "
              + "not a path; give a name of letters, digits, '.', '_', '-', '=', '+'");
    }
    if (value.length() > MAX_LENGTH) {
      throw new ConfigException(
          what
              + " is "
              + value.length()
              + " characters long; at most "
              + MAX_LENGTH
              + " (it becomes a folder name)");
    }
    if (value.startsWith(".") || value.startsWith("_")) {
      throw new ConfigException(
          what
              + " '"
              + shown(value)
              + "' starts with '"
              + value.charAt(0)
              + "': the warehouse "
              + "keeps its own hidden and staging folders under such names; start with a letter or digit");
    }
    if (!ALLOWED.matcher(value).matches()) {
      throw new ConfigException(
          what
              + " '"
              + shown(value)
              + "': use letters, digits, '.', '_', '-', '=', '+' only"
              + " (it becomes a folder name)");
    }
    return value;
  }

  /**
   * The value as it can be printed on one line: control characters escaped, cut to the length
   * limit.
   */
  private static String shown(String value) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < value.length() && s.length() < MAX_LENGTH; i++) {
      char c = value.charAt(i);
      s.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
    }
    return s.toString();
  }
}
