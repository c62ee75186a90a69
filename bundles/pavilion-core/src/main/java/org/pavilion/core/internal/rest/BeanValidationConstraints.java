package org.pavilion.core.internal.rest;

import java.lang.annotation.ElementType;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import javax.validation.ConstraintViolation;
import javax.validation.ElementKind;
import javax.validation.Path;
import javax.validation.TraversableResolver;
import javax.validation.Validation;
import javax.validation.Validator;
import javax.validation.ValidatorFactory;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;

import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.pavilion.core.api.rest.DeclaredConstraints;
import org.pavilion.core.api.rest.Violations;

/**
 * {@link DeclaredConstraints} on Hibernate Validator 6.2 (Bean Validation 2.0, javax namespace), the one the
 * platform's feature installs. Bootstrapped for OSGi: the provider is named, not looked up through the thread's
 * context class loader; messages are interpolated without an Expression Language implementation (parameters such
 * as {@code {max}} only, no {@code ${...}} expressions), in the root locale whatever the JVM's default.
 */
@Component(service = DeclaredConstraints.class)
public final class BeanValidationConstraints implements DeclaredConstraints {

    private static final String BODY = "body";

    private final ValidatorFactory factory;
    private final Validator validator;
    /** Java property names to the JSON names clients send: the REST faces' own Jackson settings. */
    private final DeserializationConfig json = JsonProviderFactory.objectMapper().getDeserializationConfig();

    @Activate
    public BeanValidationConstraints() {
        ClassLoader provider = HibernateValidator.class.getClassLoader();
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        // Hibernate Validator still peeks at the context class loader while it builds (its optional extensions).
        thread.setContextClassLoader(provider);
        try {
            factory = Validation.byProvider(HibernateValidator.class)
                    .providerResolver(() -> List.of(new HibernateValidator()))
                    .configure()
                    .ignoreXmlConfiguration()
                    .externalClassLoader(provider)
                    .messageInterpolator(new ParameterMessageInterpolator(Set.of(Locale.ROOT), Locale.ROOT, false))
                    // Request bodies, not JPA entities: no lazy state to protect, and JPA's resolver would
                    // otherwise look for a persistence provider on every property.
                    .traversableResolver(new EveryProperty())
                    .buildValidatorFactory();
        } finally {
            thread.setContextClassLoader(before);
        }
        validator = factory.getValidator();
    }

    @Deactivate
    void close() {
        factory.close();
    }

    @Override
    public void check(Object body, Class<?>... groups) {
        Violations violations = new Violations();
        if (body == null) {
            violations.add(BODY, "a request body is required");
        } else {
            validator.validate(body, groups).forEach(v -> violations.add(field(v), v.getMessage()));
        }
        violations.refuseAny();
    }

    /**
     * The violation's path with JSON names ({@code lines[2].quantity}): Hibernate Validator's nodes carry Java
     * property names and put a list position on the node after the list.
     */
    private String field(ConstraintViolation<?> v) {
        StringBuilder path = new StringBuilder();
        JavaType type = json.constructType(v.getRootBeanClass());
        for (Path.Node node : v.getPropertyPath()) {
            if (node.isInIterable()) {
                path.append('[').append(node.getIndex() != null ? node.getIndex() : node.getKey()).append(']');
                type = type == null ? null : type.getContentType();
            }
            if (node.getKind() == ElementKind.PROPERTY) {
                BeanPropertyDefinition property = property(type, node.getName());
                path.append(path.length() == 0 ? "" : ".").append(property == null ? node.getName() : property.getName());
                type = property == null ? null : property.getPrimaryType();
            }
        }
        return path.length() == 0 ? BODY : path.toString();
    }

    private BeanPropertyDefinition property(JavaType type, String javaName) {
        if (type == null || type.isContainerType()) {
            return null;
        }
        BeanDescription bean = json.introspect(type);
        return bean.findProperties().stream().filter(p -> p.getInternalName().equals(javaName)).findFirst()
                .orElse(null);
    }

    /** Every property is validated: bodies are plain objects the request just built. */
    private static final class EveryProperty implements TraversableResolver {
        @Override
        public boolean isReachable(Object bean, Path.Node node, Class<?> root, Path path, ElementType type) {
            return true;
        }

        @Override
        public boolean isCascadable(Object bean, Path.Node node, Class<?> root, Path path, ElementType type) {
            return true;
        }
    }
}
