package org.hyperiot.streaming.engine.internal.pipeline;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import org.hyperiot.streaming.api.DataFormat;
import org.hyperiot.streaming.engine.RecordFormatException;
import org.hyperiot.streaming.engine.ValueFormat;
import org.hyperiot.streaming.engine.internal.json.JsonCodec;

/** The three {@link ValueFormat}s. */
public final class ValueFormats {

    private static final ValueFormat JSON = new ValueFormat() {
        @Override
        public Object decode(byte[] payload) {
            if (payload == null) {
                return null;
            }
            try {
                return JsonCodec.read(payload);
            } catch (IOException e) {
                throw new RecordFormatException("value is not valid JSON: " + firstLine(e.getMessage()), e);
            }
        }

        @Override
        public byte[] encode(Object value) {
            return value == null ? null : JsonCodec.write(value);
        }
    };

    private static final ValueFormat STRING = new ValueFormat() {
        @Override
        public Object decode(byte[] payload) {
            if (payload == null) {
                return null;
            }
            try {
                // Strict decoding: a payload that is not UTF-8 is a poison record, not silently mangled text.
                return StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(payload)).toString();
            } catch (CharacterCodingException e) {
                throw new RecordFormatException("value is not valid UTF-8 text", e);
            }
        }

        @Override
        public byte[] encode(Object value) {
            if (value == null) {
                return null;
            }
            if (value instanceof String s) {
                return s.getBytes(StandardCharsets.UTF_8);
            }
            return JsonCodec.write(value);
        }
    };

    private static final ValueFormat BYTES = new ValueFormat() {
        @Override
        public Object decode(byte[] payload) {
            return payload;
        }

        @Override
        public byte[] encode(Object value) {
            if (value == null || value instanceof byte[]) {
                return (byte[]) value;
            }
            if (value instanceof String s) {
                return s.getBytes(StandardCharsets.UTF_8);
            }
            return JsonCodec.write(value);
        }
    };

    private ValueFormats() {
    }

    /** The format for the given data format. */
    public static ValueFormat of(DataFormat format) {
        return switch (format) {
            case JSON -> JSON;
            case STRING -> STRING;
            case BYTES -> BYTES;
        };
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
