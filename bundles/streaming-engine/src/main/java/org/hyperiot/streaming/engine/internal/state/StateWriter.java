package org.hyperiot.streaming.engine.internal.state;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Writes state values in the engine's compact binary form. JSON-like trees keep their Java types
 * ({@code Integer} stays {@code Integer}), so that a restored accumulator is equal to the one saved.
 */
public final class StateWriter {

    static final int NULL = 0;
    static final int FALSE = 1;
    static final int TRUE = 2;
    static final int LONG = 3;
    static final int DOUBLE = 4;
    static final int STRING = 5;
    static final int BIG_INTEGER = 6;
    static final int BIG_DECIMAL = 7;
    static final int LIST = 8;
    static final int MAP = 9;
    static final int INT = 10;
    static final int BYTES = 11;

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(64);
    private final DataOutputStream out = new DataOutputStream(buffer);

    public StateWriter writeLong(long value) {
        try {
            out.writeLong(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public StateWriter writeInt(int value) {
        try {
            out.writeInt(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public StateWriter writeDouble(double value) {
        try {
            out.writeDouble(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public StateWriter writeBoolean(boolean value) {
        try {
            out.writeBoolean(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public StateWriter writeBytes(byte[] value) {
        try {
            out.writeInt(value.length);
            out.write(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public StateWriter writeString(String value) {
        return writeBytes(value.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes a JSON-like tree.
     *
     * @throws IllegalArgumentException for a type that has no JSON form
     */
    public StateWriter writeTree(Object value) {
        try {
            if (value == null) {
                out.writeByte(NULL);
            } else if (value instanceof Boolean b) {
                out.writeByte(b ? TRUE : FALSE);
            } else if (value instanceof Long l) {
                out.writeByte(LONG);
                out.writeLong(l);
            } else if (value instanceof Integer i) {
                out.writeByte(INT);
                out.writeInt(i);
            } else if (value instanceof Double d) {
                out.writeByte(DOUBLE);
                out.writeDouble(d);
            } else if (value instanceof String s) {
                out.writeByte(STRING);
                writeString(s);
            } else if (value instanceof BigInteger big) {
                out.writeByte(BIG_INTEGER);
                writeBytes(big.toByteArray());
            } else if (value instanceof BigDecimal big) {
                out.writeByte(BIG_DECIMAL);
                out.writeInt(big.scale());
                writeBytes(big.unscaledValue().toByteArray());
            } else if (value instanceof List<?> list) {
                out.writeByte(LIST);
                out.writeInt(list.size());
                for (Object element : list) {
                    writeTree(element);
                }
            } else if (value instanceof Map<?, ?> map) {
                out.writeByte(MAP);
                out.writeInt(map.size());
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    writeString(String.valueOf(entry.getKey()));
                    writeTree(entry.getValue());
                }
            } else if (value instanceof byte[] bytes) {
                out.writeByte(BYTES);
                writeBytes(bytes);
            } else if (value instanceof Short || value instanceof Byte) {
                out.writeByte(LONG);
                out.writeLong(((Number) value).longValue());
            } else if (value instanceof Float f) {
                out.writeByte(DOUBLE);
                out.writeDouble(f);
            } else {
                throw new IllegalArgumentException("state value of type " + value.getClass().getName()
                        + " cannot be checkpointed; use JSON-like values (Map, List, String, Number, Boolean, null)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** The bytes written so far. */
    public byte[] toByteArray() {
        return buffer.toByteArray();
    }
}
