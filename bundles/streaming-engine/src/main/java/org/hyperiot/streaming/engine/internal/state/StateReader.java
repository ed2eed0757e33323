package org.hyperiot.streaming.engine.internal.state;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads what a {@link StateWriter} wrote. */
public final class StateReader {

    private final DataInputStream in;

    public StateReader(byte[] bytes) {
        this.in = new DataInputStream(new ByteArrayInputStream(bytes));
    }

    public long readLong() {
        try {
            return in.readLong();
        } catch (IOException e) {
            throw corrupt(e);
        }
    }

    public int readInt() {
        try {
            return in.readInt();
        } catch (IOException e) {
            throw corrupt(e);
        }
    }

    public double readDouble() {
        try {
            return in.readDouble();
        } catch (IOException e) {
            throw corrupt(e);
        }
    }

    public boolean readBoolean() {
        try {
            return in.readBoolean();
        } catch (IOException e) {
            throw corrupt(e);
        }
    }

    public byte[] readBytes() {
        try {
            int length = in.readInt();
            if (length < 0 || length > in.available()) {
                throw new IOException("length " + length + " beyond the end of the value");
            }
            byte[] bytes = new byte[length];
            in.readFully(bytes);
            return bytes;
        } catch (IOException e) {
            throw corrupt(e);
        }
    }

    public String readString() {
        return new String(readBytes(), StandardCharsets.UTF_8);
    }

    public Object readTree() {
        try {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case StateWriter.NULL:
                    return null;
                case StateWriter.FALSE:
                    return Boolean.FALSE;
                case StateWriter.TRUE:
                    return Boolean.TRUE;
                case StateWriter.LONG:
                    return in.readLong();
                case StateWriter.INT:
                    return in.readInt();
                case StateWriter.DOUBLE:
                    return in.readDouble();
                case StateWriter.STRING:
                    return readString();
                case StateWriter.BIG_INTEGER:
                    return new BigInteger(readBytes());
                case StateWriter.BIG_DECIMAL: {
                    int scale = in.readInt();
                    return new BigDecimal(new BigInteger(readBytes()), scale);
                }
                case StateWriter.LIST: {
                    int size = in.readInt();
                    List<Object> list = new ArrayList<>(Math.min(size, 1024));
                    for (int i = 0; i < size; i++) {
                        list.add(readTree());
                    }
                    return list;
                }
                case StateWriter.MAP: {
                    int size = in.readInt();
                    Map<String, Object> map = new LinkedHashMap<>();
                    for (int i = 0; i < size; i++) {
                        String key = readString();
                        map.put(key, readTree());
                    }
                    return map;
                }
                case StateWriter.BYTES:
                    return readBytes();
                default:
                    throw new IOException("unknown value tag " + tag);
            }
        } catch (IOException e) {
            throw corrupt(e);
        }
    }

    private static IllegalStateException corrupt(IOException e) {
        return new IllegalStateException("corrupt state value: " + e.getMessage(), e);
    }
}
