package io.serspark.protocols;

/** One train/test split: indices into the item list the protocol was given. */
public record Fold(String name, int[] train, int[] test) {}
