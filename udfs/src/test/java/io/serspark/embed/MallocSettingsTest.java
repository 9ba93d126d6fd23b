package io.serspark.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MallocSettingsTest {
  @Test
  void namesTheTunablesOrSaysGlibcDefaults() {
    assertEquals(
        "GLIBC_TUNABLES=glibc.malloc.mmap_threshold=33554432",
        MallocSettings.describe(" glibc.malloc.mmap_threshold=33554432\n"));
    assertEquals("glibc malloc defaults (no GLIBC_TUNABLES)", MallocSettings.describe(null));
    assertEquals("glibc malloc defaults (no GLIBC_TUNABLES)", MallocSettings.describe(""));
  }
}
