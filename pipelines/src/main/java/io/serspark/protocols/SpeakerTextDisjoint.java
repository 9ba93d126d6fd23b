package io.serspark.protocols;

import io.serspark.config.ConfigException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

/**
 * Speaker- and text-disjoint folds, for corpora whose speakers all read the same texts (CASIA's 50 sentences, EmoDB's
 * 10, RAVDESS's 2): with speaker-only folds every test sentence was also heard in training, in every emotion, and
 * the classifier may learn the sentences. The texts (keyed by corpus, so text "201" of two corpora are two texts)
 * are shuffled with the seed and dealt into {@code textFolds} groups; each fold of the speaker protocol is crossed
 * with each text group: test = its test speakers' utterances of that group's texts, train = the other speakers'
 * utterances of the other texts. Every utterance is tested exactly once; a training side holds about
 * (1 − 1/speaker folds)(1 − 1/text folds) of the data.
 *
 * <p>Utterances without a text id (URDU's talk-show excerpts) have no text to keep apart: they are tested in the
 * first text group and trained on in every fold, i.e. split by speaker only. Crossed folds with an empty side (a
 * corpus without text ids has nothing in the other groups) are left out.
 */
public final class SpeakerTextDisjoint implements Protocol {
  private final Protocol speakers;
  private final int textFolds;
  private final long seed;

  public SpeakerTextDisjoint(Protocol speakers, int textFolds, long seed) {
    if (textFolds < 2) throw new IllegalArgumentException("speaker+text folds need at least 2 text groups, got " + textFolds);
    if (speakers instanceof SpeakerTextDisjoint || speakers instanceof CrossCorpus || speakers instanceof OfficialSplit) {
      throw new IllegalArgumentException("speaker+text folds cross loso or speaker-kfold, not " + speakers.name());
    }
    this.speakers = speakers;
    this.textFolds = textFolds;
    this.seed = seed;
  }

  @Override
  public String name() { return speakers.name() + "+text:" + textFolds; }

  @Override
  public List<Fold> folds(List<SplitItem> items) {
    TreeSet<String> texts = new TreeSet<>();
    for (SplitItem it : items) if (it.textKey() != null) texts.add(it.textKey());
    List<String> shuffled = new ArrayList<>(texts);
    Collections.shuffle(shuffled, new Random(seed));
    int groups = Math.max(1, Math.min(textFolds, shuffled.size()));
    Map<String, Integer> groupOf = new HashMap<>();
    for (int i = 0; i < shuffled.size(); i++) groupOf.put(shuffled.get(i), i % groups);
    int[] group = new int[items.size()];
    for (int i = 0; i < items.size(); i++) {
      String t = items.get(i).textKey();
      group[i] = t == null ? -1 : groupOf.get(t);
    }
    List<Fold> out = new ArrayList<>();
    for (Fold f : speakers.folds(items)) {
      for (int g = 0; g < groups; g++) {
        List<Integer> tr = new ArrayList<>(), te = new ArrayList<>();
        for (int i : f.train()) if (group[i] != g) tr.add(i);
        for (int i : f.test()) if (group[i] == g || (group[i] == -1 && g == 0)) te.add(i);
        if (tr.isEmpty() || te.isEmpty()) continue;
        out.add(Protocol.checkSpeakerDisjoint(items,
            new Fold(f.name() + "/text" + (g + 1), Speakers.sorted(tr), Speakers.sorted(te))));
      }
    }
    if (out.isEmpty()) {
      throw new ConfigException("--protocol " + name() + ": no fold has utterances on both sides (" + texts.size()
          + " texts); use fewer text folds or a speaker-only protocol");
    }
    return out;
  }
}
