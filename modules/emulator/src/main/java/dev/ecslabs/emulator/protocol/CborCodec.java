package dev.ecslabs.emulator.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;

/**
 * Smithy RPC v2 CBOR bodies for the SDK's own model classes, as {@link AwsJsonCodec} does for JSON:
 * a request is read into the same tree (byte strings become blobs, and a timestamp, CBOR tag 1 on
 * epoch seconds, is the number under the tag) and handed to {@link AwsJsonCodec#read}; a response
 * is written by walking {@link SdkPojo#sdkFields()}, with timestamps as tag 1 on epoch seconds as a
 * double, blobs as byte strings and big decimals as tag 4, as the Smithy RPC v2 CBOR specification
 * asks (https://smithy.io/2.0/additional-specs/protocols/smithy-rpc-v2.html).
 */
public final class CborCodec {
    public static final CBORMapper MAPPER = new CBORMapper();
    private static final int EPOCH_SECONDS_TAG = 1;

    private CborCodec() {
    }

    /** The CBOR body as a tree; throws Jackson's {@link IOException} for bytes that are not one CBOR data item. */
    public static JsonNode readTree(byte[] cbor) throws IOException {
        return MAPPER.readTree(cbor);
    }

    /** A model object as the CBOR map AWS would send. */
    public static byte[] write(SdkPojo pojo) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CBORGenerator generator = (CBORGenerator) MAPPER.getFactory().createGenerator(out)) {
            writePojo(generator, pojo);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A map of plain members (an error's {@code __type} and {@code message}) as CBOR. */
    public static byte[] writeMap(Map<String, ?> members) {
        try {
            return MAPPER.writeValueAsBytes(members);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writePojo(CBORGenerator generator, SdkPojo pojo) throws IOException {
        generator.writeStartObject();
        for (SdkField<?> field : pojo.sdkFields()) {
            Object value = field.getValueOrDefault(pojo);
            if (isSet(value)) {
                generator.writeFieldName(field.locationName());
                writeValue(generator, field, value);
            }
        }
        generator.writeEndObject();
    }

    private static boolean isSet(Object value) {
        return value != null && !(value instanceof SdkAutoConstructList) && !(value instanceof SdkAutoConstructMap);
    }

    private static void writeValue(CBORGenerator generator, SdkField<?> field, Object value) throws IOException {
        if (value == null) {
            generator.writeNull();
        } else if (value instanceof String s) {
            generator.writeString(s);
        } else if (value instanceof Boolean b) {
            generator.writeBoolean(b);
        } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            generator.writeNumber(((Number) value).intValue());
        } else if (value instanceof Long l) {
            generator.writeNumber(l);
        } else if (value instanceof Double d) {
            generator.writeNumber(d);
        } else if (value instanceof Float f) {
            generator.writeNumber(f);
        } else if (value instanceof BigDecimal d) {
            generator.writeNumber(d);
        } else if (value instanceof Instant instant) {
            generator.writeTag(EPOCH_SECONDS_TAG);
            generator.writeNumber(instant.toEpochMilli() / 1000.0);
        } else if (value instanceof SdkBytes bytes) {
            generator.writeBinary(bytes.asByteArrayUnsafe());
        } else if (value instanceof SdkPojo pojo) {
            writePojo(generator, pojo);
        } else if (value instanceof List<?> list) {
            SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
            generator.writeStartArray(list, list.size());
            for (Object element : list) {
                writeValue(generator, member, element);
            }
            generator.writeEndArray();
        } else if (value instanceof Map<?, ?> map) {
            SdkField<?> member = field.getTrait(MapTrait.class).valueFieldInfo();
            generator.writeStartObject(map, map.size());
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                generator.writeFieldName(String.valueOf(entry.getKey()));
                writeValue(generator, member, entry.getValue());
            }
            generator.writeEndObject();
        } else {
            throw new IllegalStateException("No CBOR writing for " + value.getClass() + " in " + field.memberName());
        }
    }
}
