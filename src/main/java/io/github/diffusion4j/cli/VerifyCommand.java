package io.github.diffusion4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.github.diffusion4j.io.AtomicFiles;
import io.github.diffusion4j.verify.Check;
import io.github.diffusion4j.verify.Claim;
import io.github.diffusion4j.verify.ClaimResult;
import io.github.diffusion4j.verify.Plugins;
import io.github.diffusion4j.verify.ProgressListener;
import io.github.diffusion4j.verify.Verification;
import io.github.diffusion4j.verify.VerificationContext;
import io.github.diffusion4j.verify.VerificationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code verify}: runs the claims of docs/THEORY.md §4 and the solver claims on the built-in problems and schedules, prints
 * the table (id, statement, measured, tolerance or CI, PASS/FAIL, source) and writes the Markdown report with its
 * figures. Exit code 0 only if every selected claim passes, 1 otherwise.
 */
@Command(name = "verify", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Check every claim of docs/THEORY.md and every solver claim; write a report.",
            "Claims run against exact Gaussian-mixture ground truth; the table of",
            "verdicts is printed and a Markdown report with figures written.",
            "Exits 0 only if every claim passes."},
        footer = {"", "Examples:",
            "  java -jar target/diffusion4j-cli.jar verify",
            "  java -jar target/diffusion4j-cli.jar verify --claims T1,T5 --no-report",
            "  java -jar target/diffusion4j-cli.jar verify --thorough --report out"})
final class VerifyCommand implements Callable<Integer> {

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--claims", split = ",", paramLabel = "ID",
            description = "Run only these claims (default: all).")
    List<String> claimIds = new ArrayList<>();

    @Option(names = "--solver", split = ",", paramLabel = "NAME",
            description = {"Check only these solvers (built-in or from a --plugin jar): every solver claim that",
                "applies to them, each at the solver's declared order (default: the claims' own solvers",
                "plus every plugin solver)."})
    List<String> solverNames = new ArrayList<>();

    @Option(names = "--thorough", description = "Larger sample sizes (about ten times slower).")
    boolean thorough;

    @Option(names = "--seed", paramLabel = "S", description = "Base seed (default: the built-in one).")
    Long seed;

    @Option(names = "--report", defaultValue = "verification", paramLabel = "DIR",
            description = "Directory for REPORT.md and figures/ (default: ${DEFAULT-VALUE}).")
    Path reportDirectory;

    @Option(names = "--no-report", description = "Print the table only.")
    boolean noReport;

    @Option(names = "--list", description = "List the claims and exit.")
    boolean list;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Mixin
    ResultsOption results;

    @Override
    public Integer call() {
        results.check();
        if (!noReport && !list) {
            AtomicFiles.requireDirectoryWritable(reportDirectory, "--report");
        }
        VerificationContext.Builder builder = VerificationContext.builder().thorough(thorough).discoverPlugins()
                .solversUnderTest(solverNames.stream().map(String::strip).toList());
        if (seed != null) {
            builder.seed(seed);
        }
        VerificationContext context = builder.build();
        List<Claim> claims = selectClaims(context);
        PrintWriter out = spec.commandLine().getOut();
        printPlugins(spec.commandLine().getErr());
        if (list) {
            for (Claim c : claims) {
                out.printf(Locale.ROOT, "%-8s %s  (%s)%n", c.id(), c.statement(), c.source());
            }
            return Diffusion4j.OK;
        }
        List<ClaimResult> outcomes;
        try (ProgressDisplay display = ProgressDisplay.forCommand(spec.commandLine().getErr(), "verify", quiet)) {
            outcomes = Verification.run(context, claims, new ProgressListener() {
                private int finished;

                @Override
                public void claimStarted(Claim claim, int index, int total) {
                    display.update(finished, total, claim.id());
                }

                @Override
                public void claimFinished(ClaimResult result) {
                    finished++;
                    display.update(finished, claims.size(), result.id() + " " + result.verdict());
                }
            });
        }
        VerificationTable.print(out, outcomes);
        results.write(VerificationTable.FIELDS, VerificationTable.rows(outcomes));
        VerificationReport report = new VerificationReport(outcomes, command());
        out.printf(Locale.ROOT, "%n%d of %d claims pass%n", report.passed(), outcomes.size());
        if (!noReport) {
            Path file = report.write(reportDirectory);
            spec.commandLine().getErr().println("wrote " + file.toAbsolutePath().normalize());
        }
        printFailures(out, outcomes);
        return report.allPassed() ? Diffusion4j.OK : Diffusion4j.CHECK_FAILED;
    }

    /** The claims named by --claims (all by default), narrowed to the solver claims if --solver is given. */
    private List<Claim> selectClaims(VerificationContext context) {
        List<Claim> claims = Verification.select(Verification.claims(context),
                claimIds.stream().map(String::strip).toList());
        if (solverNames.isEmpty()) {
            return claims;
        }
        List<Claim> solverClaims = Verification.forSolversUnderTest(claims, context);
        if (solverClaims.isEmpty()) {
            throw new IllegalArgumentException("--solver " + String.join(",", solverNames) + ": none of the "
                    + "selected claims " + claims.stream().map(Claim::id).toList() + " is a solver claim that "
                    + "applies to it");
        }
        return solverClaims;
    }

    /** Which plugins were loaded and what they contribute, so a plugin that was not loaded cannot go unnoticed. */
    private static void printPlugins(PrintWriter err) {
        List<Plugins.LoadedPlugin> plugins = Plugins.loaded();
        if (plugins.isEmpty()) {
            err.println("plugins: none loaded");
        }
        for (Plugins.LoadedPlugin plugin : plugins) {
            err.println("plugin " + plugin.summary());
        }
    }

    private String command() {
        StringBuilder command = new StringBuilder("java -jar target/diffusion4j-cli.jar verify");
        if (!claimIds.isEmpty()) {
            command.append(" --claims ").append(String.join(",", claimIds));
        }
        if (!solverNames.isEmpty()) {
            command.append(" --solver ").append(String.join(",", solverNames));
        }
        if (thorough) {
            command.append(" --thorough");
        }
        if (seed != null) {
            command.append(" --seed ").append(seed);
        }
        return command.toString();
    }

    private static void printFailures(PrintWriter out, List<ClaimResult> results) {
        for (ClaimResult r : results) {
            for (Check c : r.failures()) {
                out.printf(Locale.ROOT, "FAIL %s %s: measured %s, criterion %s%n", r.id(), c.configuration(),
                        c.measured(), c.criterion());
            }
        }
    }
}
