package io.serspark.protocols;

import io.serspark.config.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Train on the utterances of corpora A, test on those of corpora B (A and B disjoint). Speakers are
 * keyed by corpus, so this is speaker-disjoint by construction; it is still checked.
 */
public final class CrossCorpus implements Protocol {
  private final Set<String> trainCorpora;
  private final Set<String> testCorpora;

  public CrossCorpus(Set<String> trainCorpora, Set<String> testCorpora) {
    if (trainCorpora.isEmpty() || testCorpora.isEmpty())
      throw new IllegalArgumentException("cross-corpus needs train and test corpora");
    Set<String> both = new TreeSet<>(trainCorpora);
    both.retainAll(testCorpora);
    if (!both.isEmpty())
      throw new IllegalArgumentException("cross-corpus: corpus " + both + " is on both sides");
    this.trainCorpora = new TreeSet<>(trainCorpora);
    this.testCorpora = new TreeSet<>(testCorpora);
  }

  public Set<String> trainCorpora() {
    return trainCorpora;
  }

  public Set<String> testCorpora() {
    return testCorpora;
  }

  @Override
  public String name() {
    return "cross-corpus:" + String.join("+", trainCorpora) + "->" + String.join("+", testCorpora);
  }

  @Override
  public List<Fold> folds(List<SplitItem> items) {
    List<Integer> tr = new ArrayList<>(), te = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      String c = items.get(i).corpus();
      if (trainCorpora.contains(c)) tr.add(i);
      else if (testCorpora.contains(c)) te.add(i);
    }
    if (tr.isEmpty() || te.isEmpty()) {
      throw new ConfigException(
          "--protocol "
              + name()
              + ": no labelled utterances with features of "
              + (tr.isEmpty() ? trainCorpora : testCorpora)
              + " (check --labels and the feature table)");
    }
    String n = String.join("+", trainCorpora) + "->" + String.join("+", testCorpora);
    return List.of(
        Protocol.checkSpeakerDisjoint(
            items, new Fold(n, Speakers.sorted(tr), Speakers.sorted(te))));
  }
}
