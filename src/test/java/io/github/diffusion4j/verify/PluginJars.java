package io.github.diffusion4j.verify;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import org.example.solvers.ExampleSolversPlugin;

/** Builds plugin jars for tests: the example plugin (examples/solver-plugin, compiled with the tests) and broken ones. */
public final class PluginJars {

    /** The service file a plugin jar lists its plugins in. */
    public static final String SERVICE_FILE = "META-INF/services/" + VerificationPlugin.class.getName();

    private PluginJars() {
    }

    /**
     * @param dir a directory
     * @return the example plugin as a jar: its service file and its compiled classes
     */
    public static Path examplePlugin(Path dir) throws IOException {
        Path classes = Path.of(ExampleSolversPlugin.class.getProtectionDomain().getCodeSource().getLocation()
                .getPath());
        Path jar = dir.resolve("example-solver-plugin.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             var files = Files.walk(classes.resolve("org/example/solvers"))) {
            put(out, SERVICE_FILE, ExampleSolversPlugin.class.getName() + "\n");
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
        return jar;
    }

    /**
     * @param jar     the jar to write
     * @param entries entry names and their text
     * @return the jar
     */
    public static Path jar(Path jar, Map<String, String> entries) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                put(out, e.getKey(), e.getValue());
            }
        }
        return jar;
    }

    /** @return the names of the example plugin's solvers */
    public static List<String> exampleSolvers() {
        return List.copyOf(new ExampleSolversPlugin().solvers().keySet());
    }

    private static void put(JarOutputStream out, String name, String text) throws IOException {
        out.putNextEntry(new JarEntry(name));
        OutputStream entry = out;
        entry.write(text.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }
}
