package io.serspark.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RavdessAdapterTest {
  @Test
  void speechAndSongNamesFromTheDocumentation() throws Exception {
    // 03-01-06-01-02-01-12: audio-only, speech, fearful, normal, "Dogs", 1st repetition, actor 12
    // (the README's
    // example with the audio-only modality); 03-02-03-02-01-02-01: song, happy, strong, "Kids",
    // actor 01.
    AdapterResult r =
        Fixtures.scanNames(
            "ravdess", "Actor_12/03-01-06-01-02-01-12.wav", "Actor_01/03-02-03-02-01-02-01.wav");
    assertEquals(
        List.of(
            new CorpusEntry(
                "Actor_01/03-02-03-02-01-02-01.wav",
                "01",
                "male",
                "en",
                "01",
                "03",
                "happy",
                "strong",
                null,
                null,
                null,
                null),
            new CorpusEntry(
                "Actor_12/03-01-06-01-02-01-12.wav",
                "12",
                "female",
                "en",
                "02",
                "06",
                "fear",
                "normal",
                null,
                null,
                null,
                null)),
        r.entries());
  }

  @Test
  void videoFilesAreNotAudioAndAWavFiledUnderAnotherActorIsRejected() throws Exception {
    AdapterResult r =
        Fixtures.scanNames(
            "ravdess",
            "Actor_05/03-01-05-01-01-01-02.wav", // the mirror's misfiled file (SOURCE.md): names
            // actor 02
            "Actor_01/01-01-01-01-01-01-01.mp4", // full-AV video: not an input of the audio adapter
            "Actor_01/01-01-01-01-01-01-01.wav"); // a .wav with video modality
    assertEquals(List.of(), r.entries());
    assertEquals(List.of("Actor_01/01-01-01-01-01-01-01.mp4"), r.ignored());
    assertEquals(
        List.of("Actor_01/01-01-01-01-01-01-01.wav", "Actor_05/03-01-05-01-01-01-02.wav"),
        r.rejected().stream().map(Rejection::relPath).toList());
    assertTrue(
        r.rejected().get(1).reason().contains("actor AA as in the folder"),
        r.rejected().get(1).reason());
  }

  /** The shared 197-file subset: its SOURCE.md counts. */
  @Test
  void theSharedSubsetGives197EntriesOf24ActorsAndEightEmotions() throws Exception {
    AdapterResult r =
        LocalFolder.scan(Fixtures.adapters().get("ravdess"), Fixtures.sharedCorpus("ravdess"));
    assertEquals(197, r.entries().size());
    assertEquals(List.of(), r.rejected());
    assertEquals(24, r.entries().stream().map(CorpusEntry::speaker).distinct().count(), "actors");
    assertEquals(
        Map.of(
            "01", 24L, "02", 26L, "03", 25L, "04", 24L, "05", 24L, "06", 25L, "07", 24L, "08", 25L),
        Fixtures.count(r.entries(), CorpusEntry::rawLabel));
    assertEquals(
        Set.of("neutral", "calm", "happy", "sad", "angry", "fear", "disgust", "surprise"),
        r.entries().stream().map(CorpusEntry::emotion).collect(Collectors.toSet()));
    Map<String, Long> actorsPerGender =
        r.entries().stream()
            .collect(
                Collectors.groupingBy(
                    CorpusEntry::gender,
                    Collectors.mapping(
                        CorpusEntry::speaker,
                        Collectors.collectingAndThen(Collectors.toSet(), s -> (long) s.size()))));
    assertEquals(Map.of("male", 12L, "female", 12L), actorsPerGender);
    assertEquals(10L, Fixtures.count(r.entries(), CorpusEntry::speaker).get("01"));
    assertTrue(
        r.entries().stream()
            .allMatch(
                e ->
                    e.gender().equals(Integer.parseInt(e.speaker()) % 2 == 1 ? "male" : "female")));
  }
}
