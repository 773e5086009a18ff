package io.github.diffusion4j.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * NumPy {@code .npz} archives — what {@code numpy.savez} and {@code numpy.savez_compressed} write: a ZIP file (stored
 * or deflated entries) whose entries {@code name.npy} are {@code .npy} files, each read with {@link Npy}'s checks.
 *
 * <p>Reading is bounded: at most {@link #MAX_ENTRIES} entries and {@link #MAX_TOTAL_BYTES} (or a given bound)
 * uncompressed bytes in all,
 * counted as the bytes are inflated (a declared size is not trusted), so a compressed archive that inflates beyond
 * the bound — a ZIP bomb — is rejected having allocated at most the bound. The ZIP format itself is read by
 * {@link ZipFile} from the JDK.
 */
public final class Npz {

    /** Largest number of entries accepted. */
    public static final int MAX_ENTRIES = 10_000;
    /** Largest total of uncompressed entry bytes accepted: 1 GiB. */
    public static final long MAX_TOTAL_BYTES = 1L << 30;

    private Npz() {
    }

    /** The entries of an archive: arrays of floats, and 0-d strings (as {@code numpy.savez} stores a str). */
    public record Contents(Map<String, Npy.Array> arrays, Map<String, String> texts) {
    }

    /**
     * @param file a {@code .npz} file
     * @return its entries by name (the entry's file name without {@code .npy}), in archive order
     * @throws InputFormatException naming the file and the entry at fault
     * @throws UncheckedIOException if the file cannot be read
     */
    public static Contents read(Path file) {
        return read(file, MAX_TOTAL_BYTES);
    }

    /**
     * @param file     a {@code .npz} file
     * @param maxBytes the largest total of uncompressed entry bytes to accept
     * @return its entries by name, in archive order
     * @throws InputFormatException naming the file and the entry at fault
     * @throws UncheckedIOException if the file cannot be read
     */
    public static Contents read(Path file, long maxBytes) {
        Map<String, Npy.Array> arrays = new LinkedHashMap<>();
        Map<String, String> texts = new LinkedHashMap<>();
        try {
            Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + IoMessages.reason(e), e);
        }
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (IOException | IllegalArgumentException e) {
            throw new InputFormatException(file + ": not a valid .npz (ZIP) archive: " + e, e);
        }
        try (zip) {
            if (zip.size() > MAX_ENTRIES) {
                throw new InputFormatException(file + ": " + zip.size() + " entries; at most " + MAX_ENTRIES
                        + " are accepted");
            }
            long budget = maxBytes;
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = nextEntry(entries, file);
                String name = entry.getName();
                if (!name.endsWith(".npy") || entry.isDirectory()) {
                    throw new InputFormatException(file + ": entry '" + name + "' is not a .npy file");
                }
                String key = name.substring(0, name.length() - 4);
                if (arrays.containsKey(key) || texts.containsKey(key)) {
                    throw new InputFormatException(file + ": entry '" + name + "' appears twice");
                }
                byte[] bytes = entryBytes(zip, entry, budget, maxBytes, file);
                budget -= bytes.length;
                String source = file + "!" + name;
                Npy.Header header = Npy.header(bytes, source);
                if (header.isText()) {
                    texts.put(key, Npy.parseText(bytes, header, source));
                } else {
                    arrays.put(key, Npy.parse(bytes, header, source));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + file + ": " + e.getMessage(), e);
        }
        return new Contents(arrays, texts);
    }

    /** The next entry; a name that is not valid in the archive's encoding is a format error. */
    private static ZipEntry nextEntry(Enumeration<? extends ZipEntry> entries, Path file) {
        try {
            return entries.nextElement();
        } catch (IllegalArgumentException e) {
            throw new InputFormatException(file + ": an entry name is not valid UTF-8: " + e.getMessage(), e);
        }
    }

    /** An entry's bytes; a corrupt entry (bad compressed data, wrong length) is a format error naming it. */
    private static byte[] entryBytes(ZipFile zip, ZipEntry entry, long budget, long maxBytes, Path file) {
        try (InputStream in = zip.getInputStream(entry)) {
            return readBounded(in, budget, maxBytes, file, entry.getName());
        } catch (IOException e) {
            throw new InputFormatException(file + ": entry '" + entry.getName() + "' is corrupt: " + e.getMessage(), e);
        }
    }

    /** Reads a whole entry, failing as soon as it exceeds the remaining budget. */
    private static byte[] readBounded(InputStream in, long budget, long maxBytes, Path file, String name)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[1 << 16];
        long total = 0;
        for (int read = in.read(chunk); read >= 0; read = in.read(chunk)) {
            total += read;
            if (total > budget) {
                throw new InputFormatException(file + ": entry '" + name + "' inflates beyond the archive's bound of "
                        + maxBytes + " bytes");
            }
            out.write(chunk, 0, read);
        }
        return out.toByteArray();
    }
}
