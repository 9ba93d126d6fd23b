package io.serspark.protocols;

import io.serspark.config.ConfigException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Speaker- and text-disjoint folds, for corpora whose speakers all read the same texts (CASIA's 50
 * sentences, EmoDB's 10, RAVDESS's 2): with speaker-only folds every test sentence was also heard
 * in training, in every emotion, and the classifier may learn the sentences. The texts (keyed by
 * corpus, so text "201" of two corpora are two texts) are shuffled with the seed and dealt into
 * {@code textFolds} groups per corpus; each fold of the speaker protocol is crossed with each text
 * group: test = its test speakers' utterances of that group's texts, train = the other speakers'
 * utterances of the other texts. Every utterance is tested exactly once; a training side holds
 * about (1 − 1/speaker folds)(1 − 1/text folds) of the data.
 *
 * <p>Utterances without a text id (URDU's talk-show excerpts), and corpora whose utterances one
 * text dominates (see {@link #textGroups}), have no texts to keep apart: they are tested in the
 * first text group and trained on in every fold, i.e. split by speaker only. Crossed folds with an
 * empty side (a corpus without text ids has nothing in the other groups) are left out.
 */
public final class SpeakerTextDisjoint implements Protocol {
  private final Protocol speakers;
  private final int textFolds;
  private final long seed;

  public SpeakerTextDisjoint(Protocol speakers, int textFolds, long seed) {
    if (textFolds < 2)
      throw new IllegalArgumentException(
          "speaker+text folds need at least 2 text groups, got " + textFolds);
    if (speakers instanceof SpeakerTextDisjoint
        || speakers instanceof CrossCorpus
        || speakers instanceof OfficialSplit) {
      throw new IllegalArgumentException(
          "speaker+text folds cross loso or speaker-kfold, not " + speakers.name());
    }
    this.speakers = speakers;
    this.textFolds = textFolds;
    this.seed = seed;
  }

  @Override
  public String name() {
    return speakers.name() + "+text:" + textFolds;
  }

  @Override
  public List<Fold> folds(List<SplitItem> items) {
    int[] group = textGroups(items);
    int groups = 1;
    for (int g : group) groups = Math.max(groups, g + 1);
    List<Fold> out = new ArrayList<>();
    for (Fold f : speakers.folds(items)) {
      for (int g = 0; g < groups; g++) {
        List<Integer> tr = new ArrayList<>(), te = new ArrayList<>();
        for (int i : f.train()) if (group[i] != g) tr.add(i);
        for (int i : f.test()) if (group[i] == g || (group[i] == -1 && g == 0)) te.add(i);
        if (tr.isEmpty() || te.isEmpty()) continue;
        out.add(
            Protocol.checkSpeakerDisjoint(
                items,
                new Fold(f.name() + "/text" + (g + 1), Speakers.sorted(tr), Speakers.sorted(te))));
      }
    }
    if (out.isEmpty()) {
      throw new ConfigException(
          "--protocol "
              + name()
              + ": no fold has utterances on both sides; use fewer text "
              + "folds or a speaker-only protocol");
    }
    return out;
  }

  /**
   * The text group of each item, per corpus: its texts shuffled with the seed and dealt into
   * min(textFolds, texts) groups. -1 for an item without a text, and for every item of a corpus
   * whose texts cannot be split so that each group holds at least half its share of the utterances:
   * the RAVDESS speech subset has 194 of 197 files with statement 01, and a group of 3 utterances
   * would leave the other group's folds almost nothing to train on. Such a corpus is split by
   * speaker only (the text-overlap check then reports its shared texts).
   */
  int[] textGroups(List<SplitItem> items) {
    Map<String, Map<String, Integer>> textsByCorpus =
        new TreeMap<>(); // corpus -> text -> utterances
    for (SplitItem it : items) {
      if (it.textKey() != null)
        textsByCorpus
            .computeIfAbsent(it.corpus(), c -> new TreeMap<>())
            .merge(it.textKey(), 1, Integer::sum);
    }
    Map<String, Integer> groupOf = new HashMap<>();
    for (Map<String, Integer> texts : textsByCorpus.values()) {
      List<String> shuffled = new ArrayList<>(texts.keySet());
      Collections.shuffle(shuffled, new Random(seed));
      int groups = Math.min(textFolds, shuffled.size());
      if (groups < 2) continue;
      long[] size = new long[groups];
      long total = 0;
      for (int i = 0; i < shuffled.size(); i++) {
        size[i % groups] += texts.get(shuffled.get(i));
        total += texts.get(shuffled.get(i));
      }
      boolean balanced = true;
      for (long n : size) balanced &= 2 * n * groups >= total;
      if (!balanced) continue;
      for (int i = 0; i < shuffled.size(); i++) groupOf.put(shuffled.get(i), i % groups);
    }
    int[] group = new int[items.size()];
    for (int i = 0; i < items.size(); i++)
      group[i] = groupOf.getOrDefault(items.get(i).textKey(), -1);
    return group;
  }
}
