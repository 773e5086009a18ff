package io.github.diffusion4j.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The safetensors format of Hugging Face, as PyTorch users export weights: an 8-byte little-endian header length N, a
 * UTF-8 JSON header of N bytes mapping each tensor name to {@code {"dtype", "shape", "data_offsets": [begin, end]}}
 * (offsets into the data section that follows) plus an optional {@code "__metadata__"} map of strings, then the
 * little-endian tensor data.
 *
 * <p>Reading is strict and bounded: N must not exceed {@link #MAX_HEADER_BYTES} nor the file; the header must be a JSON
 * object; dtypes F64 and F32 are accepted (others are rejected by name); every shape's element count times the dtype
 * size must equal its byte range; ranges must lie inside the data section, not overlap, and cover it exactly — all
 * checked before any tensor is allocated. Errors name the file and the tensor. Writing produces F64 tensors in the
 * order given, with the header padded with spaces to a multiple of 8 bytes as the reference implementation does.
 */
public final class Safetensors {

    /** Largest header accepted: 100 MB, the reference implementation's limit. */
    public static final long MAX_HEADER_BYTES = 100_000_000L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private Safetensors() {
    }

    /**
     * A tensor as doubles.
     *
     * @param shape  its shape
     * @param values its elements in C order
     */
    public record Tensor(int[] shape, double[] values) {
    }

    /**
     * Tensors and metadata of a file.
     *
     * @param tensors  the tensors by name, in file order
     * @param metadata the {@code __metadata__} strings (empty if absent)
     */
    public record Contents(Map<String, Tensor> tensors, Map<String, String> metadata) {
    }

    /**
     * @param file a .safetensors file
     * @return its tensors (F32 widened to double) and metadata
     * @throws InputFormatException naming the file and the tensor or field at fault
     */
    public static Contents read(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < 8) {
                throw bad(file, "file of " + size + " bytes has no header length");
            }
            ByteBuffer prefix = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            channel.read(prefix, 0);
            long headerLength = prefix.flip().getLong();
            if (headerLength < 2 || headerLength > MAX_HEADER_BYTES || headerLength > size - 8) {
                throw bad(file, "header length " + headerLength + " is outside [2, " + Math.min(MAX_HEADER_BYTES,
                        size - 8) + "]");
            }
            ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
            channel.read(headerBytes, 8);
            JsonNode header;
            try {
                header = JSON.readTree(new String(headerBytes.array(), StandardCharsets.UTF_8));
            } catch (JsonProcessingException e) {
                throw bad(file, "header is not JSON: " + e.getOriginalMessage());
            }
            if (header == null || !header.isObject()) {
                throw bad(file, "header is not a JSON object");
            }
            long dataStart = 8 + headerLength;
            long dataLength = size - dataStart;
            Map<String, String> metadata = new LinkedHashMap<>();
            List<Entry> entries = new ArrayList<>();
            Iterator<Map.Entry<String, JsonNode>> fields = header.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getKey().equals("__metadata__")) {
                    readMetadata(file, field.getValue(), metadata);
                } else {
                    entries.add(entry(file, field.getKey(), field.getValue(), dataLength));
                }
            }
            checkLayout(file, entries, dataLength);
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (Entry e : entries) {
                ByteBuffer data = ByteBuffer.allocate((int) (e.end - e.begin)).order(ByteOrder.LITTLE_ENDIAN);
                channel.read(data, dataStart + e.begin);
                data.flip();
                double[] values = new double[(int) e.count];
                for (int i = 0; i < values.length; i++) {
                    values[i] = e.width == 8 ? data.getDouble() : data.getFloat();
                }
                tensors.put(e.name, new Tensor(e.shape, values));
            }
            return new Contents(tensors, metadata);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + IoMessages.reason(e), e);
        }
    }

    private record Entry(String name, int[] shape, long count, int width, long begin, long end) {
    }

    private static void readMetadata(Path file, JsonNode node, Map<String, String> metadata) {
        if (!node.isObject()) {
            throw bad(file, "__metadata__ is not an object");
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getValue().isTextual()) {
                throw bad(file, "__metadata__ value of '" + field.getKey() + "' is not a string");
            }
            metadata.put(field.getKey(), field.getValue().asText());
        }
    }

    private static Entry entry(Path file, String name, JsonNode node, long dataLength) {
        if (!node.isObject() || !node.path("dtype").isTextual() || !node.path("shape").isArray()
                || !node.path("data_offsets").isArray() || node.path("data_offsets").size() != 2) {
            throw bad(file, "tensor '" + name + "' needs dtype, shape and data_offsets [begin, end]");
        }
        String dtype = node.get("dtype").asText();
        int width = switch (dtype) {
            case "F64" -> 8;
            case "F32" -> 4;
            default -> throw bad(file, "tensor '" + name + "' has dtype " + dtype + "; F64 and F32 are supported");
        };
        int[] shape = new int[node.get("shape").size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            JsonNode dim = node.get("shape").get(i);
            if (!dim.canConvertToInt() || dim.asInt() < 0) {
                throw bad(file, "tensor '" + name + "' has a bad dimension " + dim);
            }
            shape[i] = dim.asInt();
            count = Math.multiplyExact(count, shape[i]);
        }
        JsonNode offsets = node.get("data_offsets");
        if (!offsets.get(0).canConvertToLong() || !offsets.get(1).canConvertToLong()) {
            throw bad(file, "tensor '" + name + "' has non-integer data_offsets");
        }
        long begin = offsets.get(0).asLong();
        long end = offsets.get(1).asLong();
        if (begin < 0 || end < begin || end > dataLength) {
            throw bad(file, "tensor '" + name + "' has data_offsets [" + begin + ", " + end + "] outside the "
                    + dataLength + "-byte data section");
        }
        if (count > Integer.MAX_VALUE - 8 || count * width != end - begin) {
            throw bad(file, "tensor '" + name + "' of shape " + Arrays.toString(shape) + " and dtype " + dtype
                    + " needs " + count * width + " bytes, its data_offsets span " + (end - begin));
        }
        return new Entry(name, shape, count, width, begin, end);
    }

    private static void checkLayout(Path file, List<Entry> entries, long dataLength) {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort((a, b) -> Long.compare(a.begin, b.begin));
        long position = 0;
        for (Entry e : sorted) {
            if (e.begin != position) {
                throw bad(file, "tensor '" + e.name + "' starts at byte " + e.begin + ", expected " + position
                        + " (tensors must not overlap or leave gaps)");
            }
            position = e.end;
        }
        if (position != dataLength) {
            throw bad(file, "the tensors cover " + position + " of the " + dataLength + " data bytes");
        }
    }

    /**
     * Writes F64 tensors.
     *
     * @param file     the file, replaced if present
     * @param tensors  tensors by name, in the order to write
     * @param metadata strings for {@code __metadata__}
     * @throws UncheckedIOException if the file cannot be written
     */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) {
        ObjectNode header = JSON.createObjectNode();
        ObjectNode meta = header.putObject("__metadata__");
        metadata.forEach(meta::put);
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            long count = 1;
            for (int s : e.getValue().shape()) {
                count *= s;
            }
            if (count != e.getValue().values().length) {
                throw new IllegalArgumentException("tensor '" + e.getKey() + "' has shape "
                        + Arrays.toString(e.getValue().shape()) + " but " + e.getValue().values().length + " values");
            }
            ObjectNode node = header.putObject(e.getKey());
            node.put("dtype", "F64");
            ArrayNode shape = node.putArray("shape");
            for (int s : e.getValue().shape()) {
                shape.add(s);
            }
            node.putArray("data_offsets").add(offset).add(offset + 8 * count);
            offset += 8 * count;
        }
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(header);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer out = ByteBuffer.allocate(8 + padded + (int) offset).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(padded).put(json);
        for (int i = json.length; i < padded; i++) {
            out.put((byte) ' ');
        }
        for (Tensor t : tensors.values()) {
            for (double v : t.values()) {
                out.putDouble(v);
            }
        }
        AtomicFiles.write(file, stream -> stream.write(out.array()));
    }

    private static InputFormatException bad(Path file, String message) {
        return new InputFormatException(file + ": " + message);
    }
}
