package dev.ecslabs.emulator.state;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleDeserializers;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.module.SimpleSerializers;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.FromStringDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.ecslabs.emulator.protocol.AwsJsonCodec;
import java.io.IOException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * The Jackson mapper areas bind their saved state with: an area declares its snapshot as a record
 * ({@code record Saved(List<Cluster> clusters, SortedMap<String, String> cursors)}) and lets
 * Jackson write and read it, instead of walking {@code ObjectNode}s by hand. SDK model objects in
 * it ({@code Cluster}, {@code Task}, …) go through {@link AwsJsonCodec}, so they are saved exactly
 * as AWS sends them on the wire; an {@link Instant} or a {@link Duration} as its ISO-8601 text
 * ({@code 2026-12-03T10:00:00Z}, {@code PT5S}); an {@link Optional} as its value, or {@code null}
 * when empty. A record's components are all saved, so a component added to it can't be forgotten.
 */
public final class SavedStateJson {
    /** The mapper, with SDK model objects handed to {@link AwsJsonCodec}. */
    public static final ObjectMapper MAPPER = AwsJsonCodec.MAPPER.copy().registerModule(sdkModels());

    private SavedStateJson() {
    }

    /** Writes an area's saved state (a record, a list, a map) as JSON. */
    public static JsonNode write(Object state) {
        return MAPPER.valueToTree(state);
    }

    /** Reads an area's saved state back; throws with what was wrong when the JSON doesn't fit. */
    public static <T> T read(JsonNode json, Class<T> type) {
        return MAPPER.convertValue(json, type);
    }

    /** Reads an area's saved state back into a generic type: {@code read(json, new TypeReference<List<Cluster>>() { })}. */
    public static <T> T read(JsonNode json, com.fasterxml.jackson.core.type.TypeReference<T> type) {
        return MAPPER.convertValue(json, type);
    }

    private static SimpleModule sdkModels() {
        SimpleModule module = new SimpleModule("sdk-models");
        module.setSerializers(new SimpleSerializers() {
            @Override
            public JsonSerializer<?> findSerializer(SerializationConfig config, JavaType type, BeanDescription bean) {
                return SdkPojo.class.isAssignableFrom(type.getRawClass()) ? new SdkModelSerializer()
                        : super.findSerializer(config, type, bean);
            }
        });
        module.setDeserializers(new SimpleDeserializers() {
            @Override
            public JsonDeserializer<?> findBeanDeserializer(JavaType type, DeserializationConfig config, BeanDescription bean)
                    throws JsonMappingException {
                if (SdkPojo.class.isAssignableFrom(type.getRawClass())) {
                    return new SdkModelDeserializer(type.getRawClass());
                }
                if (type.getRawClass() == Optional.class) {
                    return new OptionalDeserializer(type.containedTypeOrUnknown(0));
                }
                return super.findBeanDeserializer(type, config, bean);
            }
        });
        module.addSerializer(Instant.class, ToStringSerializer.instance);
        module.addSerializer(Duration.class, ToStringSerializer.instance);
        module.addDeserializer(Instant.class, new FromStringDeserializer<>(Instant.class) {
            @Override
            protected Instant _deserialize(String value, DeserializationContext context) {
                return Instant.parse(value);
            }
        });
        module.addDeserializer(Duration.class, new FromStringDeserializer<>(Duration.class) {
            @Override
            protected Duration _deserialize(String value, DeserializationContext context) {
                return Duration.parse(value);
            }
        });
        module.addSerializer(new OptionalSerializer());
        return module;
    }

    /** An {@link Optional} as its value, {@code null} when empty. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static final class OptionalSerializer extends StdSerializer<Optional> {
        OptionalSerializer() {
            super(Optional.class);
        }

        @Override
        public void serialize(Optional value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            if (value.isPresent()) {
                provider.defaultSerializeValue(value.get(), generator);
            } else {
                generator.writeNull();
            }
        }
    }

    /** An {@link Optional} of its content type; {@code null} or a missing member is an empty one. */
    private static final class OptionalDeserializer extends JsonDeserializer<Optional<?>> {
        private final JavaType content;

        OptionalDeserializer(JavaType content) {
            this.content = content;
        }

        @Override
        public Optional<?> deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            return Optional.ofNullable(context.readValue(parser, content));
        }

        @Override
        public Optional<?> getNullValue(DeserializationContext context) {
            return Optional.empty();
        }

        @Override
        public Object getAbsentValue(DeserializationContext context) {
            return Optional.empty();
        }
    }

    private static final class SdkModelSerializer extends JsonSerializer<Object> {
        @Override
        public void serialize(Object value, JsonGenerator generator, SerializerProvider serializers) throws IOException {
            generator.writeTree(AwsJsonCodec.write((SdkPojo) value));
        }
    }

    /** Reads a model through its own {@code builder()}, as the wire codec does. */
    private static final class SdkModelDeserializer extends JsonDeserializer<Object> {
        private final Method builder;

        SdkModelDeserializer(Class<?> model) {
            try {
                this.builder = model.getMethod("builder");
            } catch (NoSuchMethodException e) {
                throw new IllegalArgumentException(model.getName() + " is an SDK model without a builder() method", e);
            }
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonNode json = parser.readValueAsTree();
            try {
                return AwsJsonCodec.read(json, (SdkBuilder<?, ?>) builder.invoke(null));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Cannot build " + builder.getDeclaringClass().getSimpleName(), e);
            }
        }
    }
}
