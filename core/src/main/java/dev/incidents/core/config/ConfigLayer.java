package dev.incidents.core.config;

/** Where a resolved value came from, highest precedence first. */
public enum ConfigLayer {
  FLAG,
  ENVIRONMENT,
  FILE,
  DEFAULT
}
