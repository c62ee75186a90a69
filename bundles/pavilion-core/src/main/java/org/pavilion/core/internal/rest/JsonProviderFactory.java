package org.pavilion.core.internal.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.jaxrs.json.JacksonJsonProvider;

/** One JSON configuration for every Pavilion endpoint. */
final class JsonProviderFactory {

    private JsonProviderFactory() {
    }

    /** Bounds of what one JSON document may make the parser hold, far above any legitimate Pavilion payload. */
    static final int MAX_NESTING_DEPTH = 64;
    static final int MAX_NUMBER_LENGTH = 100;
    static final int MAX_STRING_LENGTH = 1024 * 1024;
    static final int MAX_NAME_LENGTH = 1000;

    static ObjectMapper objectMapper() {
        JsonFactory factory = JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH).maxNumberLength(MAX_NUMBER_LENGTH)
                .maxStringLength(MAX_STRING_LENGTH).maxNameLength(MAX_NAME_LENGTH).build()).build();
        ObjectMapper mapper = new ObjectMapper(factory);
        mapper.setSerializationInclusion(JsonInclude.Include.NON_NULL);
        // Unknown fields are a client mistake worth a 400, not something to drop silently.
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
        return mapper;
    }

    static JacksonJsonProvider create() {
        return new JacksonJsonProvider(objectMapper());
    }
}
