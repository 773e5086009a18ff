package io.github.diffusion4j.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * One in-process run of the command line for tests: its exit code and everything it printed.
 *
 * @param code the exit code
 * @param out  standard output
 * @param err  standard error
 */
record CliRun(int code, String out, String err) {

    /**
     * @param args the command-line arguments
     * @return the run's exit code and output
     */
    static CliRun run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Diffusion4j.run(new PrintWriter(out), new PrintWriter(err), args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
