/**
 * Coverage-guided fuzz tests (Jazzer's JUnit integration) of the file parsers and the command line.
 *
 * <p>A plain {@code ./mvnw test} replays each test's committed corpus,
 * {@code src/test/resources/io/github/diffusion4j/fuzz/<Class>Inputs/<method>/}: the seeds, the inputs that once
 * failed ({@code crash-*}) and the corpus of earlier fuzzing runs ({@code corpus-*}). To fuzz one test (one per run):
 * <pre>
 * JAZZER_FUZZ=1 ./mvnw test -Dtest=NpyFuzzTest -Djazzer.hooks=true -Djazzer.max_duration=1h -Djazzer.keep_going=20 \
 *     -Djunit.jupiter.execution.timeout.mode=disabled
 * </pre>
 * ({@code CsvPointsFuzzTest}, {@code MixtureJsonFuzzTest}, {@code BinaryFilesFuzzTest} (methods {@code safetensors}
 * and {@code npz}: {@code -Dtest=BinaryFilesFuzzTest#npz}), {@code CliFuzzTest}; for the last add
 * {@code -Djazzer.instrumentation_includes='io.github.diffusion4j.**:picocli.**'} so that picocli's parsing guides
 * the fuzzer.) New corpus entries go to {@code .cifuzz-corpus/} (not committed: copy the useful ones into the inputs
 * directory as {@code corpus-*}); a failing input is written to the inputs directory as {@code crash-*} and fails
 * every later test run until fixed. {@code @Timeout} is the per-input time limit when fuzzing (timeout mode disabled
 * so that JUnit does not apply it to the whole run) and the per-input limit when replaying. The CLI corpus is
 * tied to {@code CliFuzzTest}'s token list: changing the list changes what its inputs mean.
 */
package io.github.diffusion4j.fuzz;
