package org.pavilion.core.internal.rest;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Pavilion HTTP", description = "Reverse proxies, HSTS and request body limits of the "
        + "REST and SOAP endpoints")
public @interface HttpConfig {

    @AttributeDefinition(description = "Addresses or CIDR blocks of reverse proxies whose X-Forwarded-For and "
            + "X-Forwarded-Proto headers are believed; empty: the direct peer is always the client")
    String[] trustedProxies() default {};

    @AttributeDefinition(description = "Largest JSON request body in bytes; larger bodies are refused with 413 "
            + "before they are parsed")
    long maxJsonBodyBytes() default HttpPolicy.DEFAULT_MAX_JSON_BODY_BYTES;

    @AttributeDefinition(description = "max-age in seconds of the Strict-Transport-Security header sent on every "
            + "HTTPS answer; 0 sends none")
    long hstsMaxAgeSeconds() default HttpPolicy.DEFAULT_HSTS_MAX_AGE_SECONDS;
}
