/**
 * Audio in: any supported file's bytes → 16 kHz mono int16 ({@link
 * io.serspark.audio.AudioConverter}), or a refusal with a stage and a plain reason ({@link
 * io.serspark.audio.AudioRejected}) for the quarantine table.
 *
 * <p>Chain: {@code Container} (magic bytes, never the file name) → {@code WavDecoder} / {@code
 * AiffDecoder} / {@code FlacDecoder} (jflac, plus our own CRC-16 check) / {@code Mp3Decoder}
 * (JLayer, plus LAME gapless trim) → mean of channels → {@link io.serspark.audio.Resampler}
 * (polyphase Kaiser-windowed sinc, rational L/M; 16 kHz input is passed through untouched) → round
 * half-to-even, clip. No dither: the same bytes always give the same samples.
 *
 * <p>Throughput (decode + resample, one thread, files in memory):
 *
 * <pre>
 * ./mvnw -B -o -q -pl bench -am -DskipTests package
 * java -cp bench/target/classes:$(cat bench/target/cp.txt) io.serspark.audio.bench.DecodeBenchmark 3
 * </pre>
 */
package io.serspark.audio;
