package io.github.diffusion4j.cli;

import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.github.diffusion4j.solve.IntegrationException;
import io.github.diffusion4j.verify.Plugins;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

/**
 * The {@code diffusion4j} command line. Exit codes: 0 success, 1 a check failed, 2 bad input (the message on
 * standard error names the file, line and value at fault).
 *
 * <p>{@code --plugin PATH.jar} (repeatable, accepted by every command) loads a plugin jar before the command runs
 * ({@link Plugins}); plugins on the class path are loaded too. Their solvers are then usable by name in every command.
 * A jar that cannot be loaded or yields nothing is bad input (exit 2).
 */
@Command(name = "diffusion4j", mixinStandardHelpOptions = true, version = "diffusion4j 0.1.0-SNAPSHOT",
        description = "Exact ground truth, samplers and checks for diffusion and flow-matching models.",
        subcommands = {VerifyCommand.class, SampleCommand.class, TrainCommand.class, BenchCommand.class,
            EvalCommand.class, IntegrateCommand.class, MarginalsCommand.class,
            ConvergeCommand.class, AssessCommand.class,
            ServeCommand.class,
            CommandLine.HelpCommand.class})
public final class Diffusion4j {

    /** Exit code for success. */
    public static final int OK = 0;
    /** Exit code when a claim or check fails. */
    public static final int CHECK_FAILED = 1;
    /** Exit code for bad input: unreadable or malformed files, invalid option values. */
    public static final int BAD_INPUT = 2;

    @Option(names = "--plugin", paramLabel = "PATH.jar", scope = ScopeType.INHERIT,
            description = "Load a plugin jar (repeatable): its solvers, claims, problems and models.")
    List<Path> plugins = new ArrayList<>();

    private Diffusion4j() {
    }

    /**
     * @param args command-line arguments
     */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(
                new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8), 1 << 16));
        PrintWriter err = new PrintWriter(new OutputStreamWriter(
                new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8), true);
        int code = run(out, err, args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /**
     * Runs the command line without exiting the JVM (for tests and embedding).
     *
     * @param out  standard output
     * @param err  standard error
     * @param args command-line arguments
     * @return the exit code
     */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Diffusion4j());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof IllegalArgumentException || e instanceof UncheckedIOException
                    || e instanceof IntegrationException) {
                commandLine.getErr().println("error: " + e.getMessage());
                commandLine.getErr().flush();
                return BAD_INPUT;
            }
            throw e;
        });
        cli.setExecutionStrategy(parseResult -> {
            try {
                loadPlugins(parseResult);
            } catch (IllegalArgumentException e) {
                err.println("error: " + e.getMessage());
                return BAD_INPUT;
            }
            return new CommandLine.RunLast().execute(parseResult);
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /**
     * Loads the class path's plugins and every {@code --plugin} jar named at any level of the command line, before
     * the command runs (so a solver named by a plugin resolves). Help and version requests load nothing.
     */
    private static void loadPlugins(ParseResult parseResult) {
        List<Path> jars = new ArrayList<>();
        for (ParseResult level = parseResult; level != null; level = level.subcommand()) {
            if (level.isUsageHelpRequested() || level.isVersionHelpRequested()) {
                return;
            }
            jars.addAll(level.matchedOptionValue("--plugin", List.<Path>of()));
        }
        Plugins.discoverClassPath();
        for (Path jar : jars) {
            Plugins.loadJar(jar);
        }
    }
}
