package io.serspark.config;

/**
 * A problem with what the user asked for (an option, a config file, a spec), found before any work
 * starts. The message names the option or file and says how to fix it; jobs print it as one line,
 * without a stack trace.
 */
public class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
