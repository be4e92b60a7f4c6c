package io.minnow.runtime.bundle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.stream.Collectors;

/** Reads and writes {@code model.json}. Thread-safe. */
public final class ManifestJson {
    static final String ENTRY = "model.json";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            // "0.5" or true where a number belongs (defaults.temperature, context_length) is a mistake too.
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            // 1.5 where an integer belongs (context_length, defaults.top_k) is a mistake, not a 1.
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private ManifestJson() {
    }

    /**
     * Parses and validates a manifest.
     *
     * @throws BundleException naming the field ({@code model.json:context_length}) that is wrong
     */
    public static ModelManifest parse(byte[] json) throws BundleException {
        try {
            return MAPPER.readValue(json, ModelManifest.class);
        } catch (JsonMappingException e) {
            InvalidFieldException invalid = findInvalid(e);
            if (invalid != null) {
                throw new BundleException(ENTRY + ":" + invalid.field(), stripField(invalid), e);
            }
            String path = e.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."));
            String what = e instanceof UnrecognizedPropertyException ? "is not a known field" : e.getOriginalMessage();
            throw new BundleException(ENTRY + (path.isEmpty() ? "" : ":" + path), what, e);
        } catch (JsonProcessingException e) {
            throw new BundleException(ENTRY, "is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (java.io.IOException e) {
            throw new BundleException(ENTRY, "could not be read: " + e.getMessage(), e);
        }
    }

    public static byte[] write(ModelManifest manifest) {
        try {
            return MAPPER.writeValueAsBytes(manifest);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a manifest record always serializes", e);
        }
    }

    private static InvalidFieldException findInvalid(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof InvalidFieldException i) {
                return i;
            }
        }
        return null;
    }

    private static String stripField(InvalidFieldException e) {
        return e.getMessage().substring(e.field().length() + 2);
    }
}
