package org.pavilion.core.api.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The privilege a JAX-RS resource method or a SOAP operation needs, e.g. {@code emr.patient.register}. On the
 * class it applies to every method; a method's own annotation wins. The privilege must be declared by an installed
 * module (see {@code ModuleHeaders.PRIVILEGES}); an endpoint with a method naming none, and not
 * {@link PublicEndpoint}, is refused at publication.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ProviderType
public @interface RequiresPrivilege {

    /** Privilege name, {@code <module>.<aggregate>.<action>} in lower case. */
    String value();
}
