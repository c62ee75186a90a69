package org.pavilion.core.api.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Marks a JAX-RS resource method (or every method of a class) as callable without signing in: a login, a health
 * probe, a public doctor directory. A credential that is sent is still checked, so the caller is known when present.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ProviderType
public @interface PublicEndpoint {
}
