package io.github.diffusion4j.verify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Supplier;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import io.github.diffusion4j.solve.Solver;
import io.github.diffusion4j.solve.Solvers;

/**
 * The process-wide set of loaded {@link VerificationPlugin}s: from plugin jars ({@code --plugin PATH.jar}, which
 * works under {@code java -jar} as under {@code java -cp}, where the JVM ignores the class path) and from the class
 * path ({@link ServiceLoader}). Loading a plugin registers its solvers in {@link Solvers}, so they are usable by name
 * in every command; its claims, problems and candidate models join every {@link VerificationContext} built with
 * {@link VerificationContext.Builder#discoverPlugins()}.
 *
 * <p>Nothing is lost quietly: a jar that does not exist, is not a jar, lists no {@code VerificationPlugin} in its
 * own {@code META-INF/services/io.github.diffusion4j.verify.VerificationPlugin}, names a class that cannot be loaded
 * or instantiated, or whose plugins contribute nothing, is an {@link IllegalArgumentException} naming the jar and
 * the class. Only the jar's own service file is read (not those of the class path behind it), so "this jar yields
 * nothing" is decidable. Loading the same jar twice is a no-op.
 */
public final class Plugins {

    private static final String SERVICE_FILE = "META-INF/services/" + VerificationPlugin.class.getName();

    /** Loaded plugins by origin (canonical jar path or {@code class path}), in load order. */
    private static final Map<String, List<LoadedPlugin>> LOADED = new LinkedHashMap<>();
    private static boolean classPathDiscovered;

    private Plugins() {
    }

    /**
     * A loaded plugin and where it came from.
     *
     * @param origin the jar's path, or {@code class path}
     * @param plugin the plugin instance
     */
    public record LoadedPlugin(String origin, VerificationPlugin plugin) {

        /** @return one line: origin, class, and the names it contributes */
        public String summary() {
            List<String> parts = new ArrayList<>();
            addPart(parts, "solvers", new ArrayList<>(plugin.solvers().keySet()));
            addPart(parts, "claims", plugin.claims().stream().map(Claim::id).toList());
            addPart(parts, "problems", new ArrayList<>(plugin.problems().keySet()));
            addPart(parts, "models", plugin.scoreModels().stream().map(CandidateModel::name).toList());
            return origin + " (" + plugin.getClass().getName() + "): " + String.join("; ", parts);
        }

        private static void addPart(List<String> parts, String kind, List<String> names) {
            if (!names.isEmpty()) {
                parts.add(kind + " " + String.join(", ", names));
            }
        }

        boolean contributesNothing() {
            return plugin.solvers().isEmpty() && plugin.claims().isEmpty() && plugin.problems().isEmpty()
                    && plugin.scoreModels().isEmpty();
        }
    }

    /**
     * Loads the plugins of a jar and registers their solvers.
     *
     * @param jar a plugin jar
     * @return its plugins
     * @throws IllegalArgumentException naming the jar (and class) if it cannot be read or yields nothing
     */
    public static synchronized List<LoadedPlugin> loadJar(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("--plugin " + jar + ": no such file");
        }
        String origin;
        try {
            origin = jar.toRealPath().toString();
        } catch (IOException e) {
            throw new IllegalArgumentException("--plugin " + jar + ": cannot read it: " + e.getMessage(), e);
        }
        List<LoadedPlugin> earlier = LOADED.get(origin);
        if (earlier != null) {
            return earlier;
        }
        List<String> classNames = serviceClassNames(jar);
        if (classNames.isEmpty()) {
            throw new IllegalArgumentException("--plugin " + jar + ": the jar lists no plugin; it needs " + SERVICE_FILE
                    + " naming its VerificationPlugin classes, one per line");
        }
        URLClassLoader loader = new URLClassLoader(new URL[] {url(jar)}, Plugins.class.getClassLoader());
        List<LoadedPlugin> plugins = new ArrayList<>();
        for (String className : classNames) {
            plugins.add(new LoadedPlugin(origin, instantiate(jar, loader, className)));
        }
        install(plugins, "--plugin " + jar);
        return plugins;
    }

    /**
     * Loads, once, the plugins on the class path found by {@link ServiceLoader} (the {@code java -cp} route).
     *
     * @return the plugins found (possibly none: the class path need not hold any)
     * @throws IllegalArgumentException if a listed plugin cannot be instantiated, or contributes nothing
     */
    public static synchronized List<LoadedPlugin> discoverClassPath() {
        if (!classPathDiscovered) {
            List<LoadedPlugin> plugins = new ArrayList<>();
            try {
                for (VerificationPlugin plugin : ServiceLoader.load(VerificationPlugin.class)) {
                    plugins.add(new LoadedPlugin("class path", plugin));
                }
            } catch (ServiceConfigurationError e) {
                throw new IllegalArgumentException("a plugin on the class path cannot be loaded: " + e.getMessage(),
                        e);
            }
            install(plugins, "the class path");
            classPathDiscovered = true;
        }
        return LOADED.getOrDefault("class path", List.of());
    }

    /**
     * Forgets a jar's plugins and unregisters their solvers (for tests and long-lived hosts that reload plugins).
     *
     * @param jar a jar loaded by {@link #loadJar}
     * @return whether it was loaded
     */
    public static synchronized boolean unloadJar(Path jar) {
        List<LoadedPlugin> plugins;
        try {
            plugins = LOADED.remove(jar.toRealPath().toString());
        } catch (IOException e) {
            return false;
        }
        if (plugins == null) {
            return false;
        }
        for (LoadedPlugin loaded : plugins) {
            loaded.plugin().solvers().keySet().forEach(Solvers::unregister);
        }
        return true;
    }

    /** @return every loaded plugin, in load order */
    public static synchronized List<LoadedPlugin> loaded() {
        return LOADED.values().stream().flatMap(List::stream).toList();
    }

    private static void install(List<LoadedPlugin> plugins, String where) {
        List<String> registered = new ArrayList<>();
        try {
            for (LoadedPlugin loaded : plugins) {
                if (loaded.contributesNothing()) {
                    throw new IllegalArgumentException(where + ": plugin " + loaded.plugin().getClass().getName()
                            + " contributes no solver, claim, problem or model");
                }
                for (Map.Entry<String, Supplier<Solver>> solver : loaded.plugin().solvers().entrySet()) {
                    Solvers.register(solver.getKey(), solver.getValue());
                    registered.add(solver.getKey());
                }
            }
        } catch (IllegalArgumentException e) {
            registered.forEach(Solvers::unregister);
            throw e.getMessage().startsWith(where) ? e : new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
        for (LoadedPlugin loaded : plugins) {
            LOADED.computeIfAbsent(loaded.origin(), o -> new ArrayList<>()).add(loaded);
        }
    }

    private static List<String> serviceClassNames(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            JarEntry entry = file.getJarEntry(SERVICE_FILE);
            if (entry == null) {
                return List.of();
            }
            List<String> names = new ArrayList<>();
            try (InputStream in = file.getInputStream(entry);
                 BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    int comment = line.indexOf('#');
                    String name = (comment >= 0 ? line.substring(0, comment) : line).strip();
                    if (!name.isEmpty()) {
                        names.add(name);
                    }
                }
            }
            return names;
        } catch (IOException e) {
            throw new IllegalArgumentException("--plugin " + jar + ": not a readable jar: " + e.getMessage(), e);
        }
    }

    private static VerificationPlugin instantiate(Path jar, ClassLoader loader, String className) {
        Class<?> type;
        try {
            type = Class.forName(className, true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalArgumentException("--plugin " + jar + ": class " + className + " listed in "
                    + SERVICE_FILE + " cannot be loaded: " + e, e);
        }
        if (!VerificationPlugin.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException("--plugin " + jar + ": class " + className + " does not implement "
                    + VerificationPlugin.class.getName());
        }
        try {
            return (VerificationPlugin) type.getConstructor().newInstance();
        } catch (ReflectiveOperationException | RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalArgumentException("--plugin " + jar + ": cannot instantiate " + className
                    + " (it needs a public no-argument constructor): " + cause, e);
        }
    }

    private static URL url(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("--plugin " + jar + ": " + e.getMessage(), e);
        }
    }
}
