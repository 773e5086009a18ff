package io.github.diffusion4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Safetensors files as PyTorch exports them (fixtures written by a Python script following the format's
 * specification: an F32 and an F64 tensor with metadata) read back exactly; our files round-trip; malformed headers
 * are rejected before allocation with messages naming the tensor.
 */
class SafetensorsTest {

    @TempDir
    Path dir;

    @Test
    void readsF32AndF64TensorsAndMetadata() {
        Safetensors.Contents c = Safetensors.read(Path.of("src/test/resources/safetensors/mixed.safetensors"));
        assertEquals(List.of("w", "b"), List.copyOf(c.tensors().keySet()));
        assertArrayEquals(new int[] {2, 3}, c.tensors().get("w").shape());
        assertArrayEquals(new double[] {1.5, -2.25, 3.0, 4.0, 5.5, -6.125}, c.tensors().get("w").values(), 0.0);
        assertArrayEquals(new double[] {0.1, -0.2}, c.tensors().get("b").values(), 0.0);
        assertEquals(Map.of("format", "pt"), c.metadata());
    }

    @Test
    void writtenFilesRoundTripAndAreAligned() throws IOException {
        Map<String, Safetensors.Tensor> tensors = new LinkedHashMap<>();
        tensors.put("a", new Safetensors.Tensor(new int[] {2, 2}, new double[] {1, 2, 3, Math.PI}));
        tensors.put("empty", new Safetensors.Tensor(new int[] {0}, new double[0]));
        Path file = dir.resolve("x.safetensors");
        Safetensors.write(file, tensors, Map.of("k", "v"));
        assertEquals(0, ByteBuffer.wrap(Files.readAllBytes(file), 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong() % 8);
        Safetensors.Contents c = Safetensors.read(file);
        assertArrayEquals(new double[] {1, 2, 3, Math.PI}, c.tensors().get("a").values(), 0.0);
        assertEquals(0, c.tensors().get("empty").values().length);
        assertEquals("v", c.metadata().get("k"));
    }

    @Test
    void unsupportedDtypesAreRejectedByName() {
        InputFormatException e = assertThrows(InputFormatException.class,
                () -> Safetensors.read(Path.of("src/test/resources/safetensors/int64.safetensors")));
        assertTrue(e.getMessage().contains("'n'") && e.getMessage().contains("I64"), e.getMessage());
    }

    private Path file(String header, int dataBytes) throws IOException {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + json.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(json.length).put(json);
        Path f = dir.resolve("bad.safetensors");
        Files.write(f, b.array());
        return f;
    }

    @Test
    void malformedHeadersAreRejected() throws IOException {
        String[][] cases = {
            {"{\"t\":{\"dtype\":\"F64\",\"shape\":[100000,100000],\"data_offsets\":[0,16]}}", "needs 80000000000 bytes"},
            {"{\"t\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,32]}}", "outside the 16-byte data section"},
            {"{\"a\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]}}", "must not overlap"},
            {"{\"t\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]}}", "cover 8 of the 16"},
            {"[1,2]", "not a JSON object"},
            {"{\"t\":{\"dtype\":\"F64\"}}", "needs dtype, shape and data_offsets"},
            {"{not json", "not JSON"}};
        for (String[] c : cases) {
            Path f = file(c[0], 16);
            InputFormatException e = assertThrows(InputFormatException.class, () -> Safetensors.read(f), c[0]);
            assertTrue(e.getMessage().contains(c[1]), e.getMessage());
        }
        ByteBuffer huge = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(Long.MAX_VALUE);
        Path f = dir.resolve("huge.safetensors");
        Files.write(f, huge.array());
        assertTrue(assertThrows(InputFormatException.class, () -> Safetensors.read(f)).getMessage()
                .contains("header length"));
    }
}
