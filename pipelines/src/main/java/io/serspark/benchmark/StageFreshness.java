package io.serspark.benchmark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.serspark.benchmark.BenchmarkSpec.CorpusRef;
import io.serspark.config.ConfigException;
import io.serspark.features.EgemapsSchema;
import io.serspark.ingest.UtteranceTables;
import io.serspark.warehouse.Warehouse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Decides which upstream stages a benchmark must run, so that it reuses the warehouse's tables when
 * they are up to date and recomputes only what is missing or stale:
 *
 * <ul>
 *   <li>ingest a corpus when {@code utterances} lacks it, or when its folder (given in the spec)
 *       holds audio files that neither {@code utterances} nor {@code quarantine} knows, lost files
 *       they know, or files modified after the table was written;
 *   <li>compute eGeMAPS for a corpus when it was (re-)ingested, or when the utterance ids of the
 *       eGeMAPS table the spec uses ({@code features/egemaps_v02}, or its accurate-formants twin;
 *       each checked on its own) and {@code utterances} differ for it.
 * </ul>
 */
public final class StageFreshness {
  /**
   * Extensions of the audio files the ingest decoders read (what a corpus folder's audio looks
   * like).
   */
  static final Set<String> AUDIO =
      Set.of(
          "wav", "flac", "mp3", "ogg", "oga", "opus", "m4a", "aac", "aif", "aiff", "au", "sph",
          "nist", "raw", "pcm", "wma", "webm");

  /**
   * {@code features}: eGeMAPS table → the corpora to recompute in it (tables in the spec's order).
   */
  public record Plan(
      List<CorpusRef> ingest, Map<String, List<String>> features, List<String> reasons) {
    public boolean nothingToDo() {
      return ingest.isEmpty() && features.isEmpty();
    }
  }

  private final Warehouse warehouse;

  public StageFreshness(Warehouse warehouse) {
    this.warehouse = warehouse;
  }

  /**
   * @param egemapsTables the eGeMAPS tables the spec reads (none when it uses embeddings only)
   */
  public Plan plan(BenchmarkSpec spec, List<String> egemapsTables) {
    List<CorpusRef> ingest = new ArrayList<>();
    Map<String, List<String>> features = new LinkedHashMap<>();
    List<String> reasons = new ArrayList<>();
    // One scan per table, kept on the driver (ids and paths of the spec's corpora: a few MB for 100
    // 000 utterances):
    // a re-run that finds everything up to date should cost seconds, not one Spark shuffle per
    // corpus and table.
    boolean needPaths =
        spec.corpora().stream().anyMatch(c -> c.path() != null && isLocal(c.path()));
    Map<String, Rows> utterances =
        warehouse.exists("utterances")
            ? rowsPerCorpus("utterances", null, spec.corpusNames(), needPaths)
            : Map.of();
    // read with its schema: an ingest that quarantined nothing leaves a table without Parquet files
    Map<String, Rows> quarantined =
        needPaths && warehouse.exists(UtteranceTables.QUARANTINE)
            ? rowsPerCorpus(
                UtteranceTables.QUARANTINE,
                UtteranceTables.QUARANTINE_SCHEMA,
                spec.corpusNames(),
                true)
            : Map.of();
    for (CorpusRef c : spec.corpora()) {
      String why = null;
      if (!utterances.containsKey(c.name())) {
        why = "utterances has no rows for corpus " + c.name();
      } else if (c.path() != null && isLocal(c.path())) {
        Set<String> known = new HashSet<>(utterances.get(c.name()).paths());
        known.addAll(quarantined.getOrDefault(c.name(), Rows.NONE).paths());
        why = staleAgainstFolder(KnownCorpora.resolvePath(c.path()), known);
      }
      if (why != null) {
        if (c.path() == null) {
          throw new ConfigException(
              "corpus '"
                  + c.name()
                  + "' is not in the warehouse "
                  + warehouse.root()
                  + " and the spec gives no path for it; add corpora[].path (and adapter) or ingest it first");
        }
        ingest.add(c);
        reasons.add("ingest " + c.name() + ": " + why);
      }
    }
    for (String table : egemapsTables) {
      boolean haveFeatures = warehouse.exists(table);
      Map<String, Rows> featureIds =
          haveFeatures ? rowsPerCorpus(table, null, spec.corpusNames(), false) : Map.of();
      List<String> stale = new ArrayList<>();
      for (CorpusRef c : spec.corpora()) {
        String why = null;
        if (ingest.contains(c)) {
          why = "its utterances are being re-ingested";
        } else if (!haveFeatures) {
          why = table + " does not exist";
        } else {
          long mismatched =
              differing(
                  utterances.get(c.name()).ids(),
                  featureIds.getOrDefault(c.name(), Rows.NONE).ids());
          if (mismatched > 0)
            why = mismatched + " utterance ids differ between utterances and " + table;
        }
        if (why != null) {
          stale.add(c.name());
          reasons.add(
              "features "
                  + c.name()
                  + (table.equals(EgemapsSchema.FUNCTIONALS_TABLE) ? "" : " (" + table + ")")
                  + ": "
                  + why);
        }
      }
      if (!stale.isEmpty()) features.put(table, List.copyOf(stale));
    }
    return new Plan(
        List.copyOf(ingest), java.util.Collections.unmodifiableMap(features), List.copyOf(reasons));
  }

  /**
   * A corpus's utterance ids in a table (none for a table without them) and its paths (when asked
   * for).
   */
  private record Rows(Set<String> ids, Set<String> paths) {
    static final Rows NONE = new Rows(Set.of(), Set.of());
  }

  /**
   * Per corpus of {@code corpora} present in the table, its {@link Rows}: one scan of the table.
   */
  private Map<String, Rows> rowsPerCorpus(
      String table, StructType schema, List<String> corpora, boolean withPaths) {
    Dataset<Row> t = schema == null ? warehouse.read(table) : warehouse.read(table, schema);
    boolean hasIds = List.of(t.columns()).contains("utterance_id");
    Dataset<Row> rows =
        t.filter(col("corpus").isin(corpora.toArray()))
            .select(
                col("corpus"),
                hasIds ? col("utterance_id") : lit(null).cast("string"),
                withPaths ? col("path") : lit(null).cast("string"));
    Map<String, Rows> out = new HashMap<>();
    for (Row r : rows.collectAsList()) {
      Rows sets =
          out.computeIfAbsent(r.getString(0), k -> new Rows(new HashSet<>(), new HashSet<>()));
      if (!r.isNullAt(1)) sets.ids().add(r.getString(1));
      if (!r.isNullAt(2)) sets.paths().add(r.getString(2));
    }
    return out;
  }

  private static long differing(Set<String> a, Set<String> b) {
    return a.stream().filter(x -> !b.contains(x)).count()
        + b.stream().filter(x -> !a.contains(x)).count();
  }

  /**
   * @param known the corpus's paths in {@code utterances} and {@code quarantine}
   */
  private String staleAgainstFolder(Path root, Set<String> known) {
    long tableTime = tableTimeMs("utterances");
    Set<String> onDisk = new HashSet<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        String name = f.getFileName().toString();
        int dot = name.lastIndexOf('.');
        if (dot < 0 || !AUDIO.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT))) continue;
        String rel = root.relativize(f).toString().replace('\\', '/');
        onDisk.add(rel);
        if (!known.contains(rel)) return "new file " + rel + " in " + root;
        if (Files.getLastModifiedTime(f).toMillis() > tableTime)
          return rel + " changed after the last ingest";
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (String k : known) {
      if (!onDisk.contains(k)) return k + " is no longer in " + root;
    }
    return null;
  }

  private long tableTimeMs(String table) {
    try {
      var fs = warehouse.fs();
      return fs.getFileStatus(new org.apache.hadoop.fs.Path(warehouse.path(table), "_SUCCESS"))
          .getModificationTime();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean isLocal(String path) {
    return !path.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*");
  }
}
