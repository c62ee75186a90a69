package org.pavilion.core.internal.rest;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import javax.jws.WebMethod;
import javax.ws.rs.HttpMethod;

import org.pavilion.core.api.security.PublicEndpoint;
import org.pavilion.core.api.security.RequiresPrivilege;

/**
 * What a REST method or SOAP operation requires: a privilege (the method's annotation wins over the class's), or
 * nothing because it is public. Also the publication check: deny by default.
 */
public final class EndpointRules {

    private EndpointRules() {
    }

    /** The rule of one method: {@code privilege} null and {@code open} false means it names none. */
    public record Rule(String privilege, boolean open) {
        static final Rule NONE = new Rule(null, false);
    }

    public static Rule rule(Class<?> type, Method method) {
        if (method != null) {
            RequiresPrivilege own = method.getAnnotation(RequiresPrivilege.class);
            if (own != null) {
                return new Rule(own.value(), false);
            }
            if (method.isAnnotationPresent(PublicEndpoint.class)) {
                return new Rule(null, true);
            }
        }
        if (type != null) {
            RequiresPrivilege onType = type.getAnnotation(RequiresPrivilege.class);
            if (onType != null) {
                return new Rule(onType.value(), false);
            }
            if (type.isAnnotationPresent(PublicEndpoint.class)) {
                return new Rule(null, true);
            }
        }
        return Rule.NONE;
    }

    /** The JAX-RS resource methods of {@code type}: public methods carrying an HTTP method annotation. */
    public static List<Method> restMethods(Class<?> type) {
        List<Method> out = new ArrayList<>();
        for (Method m : type.getMethods()) {
            for (Annotation a : m.getAnnotations()) {
                if (a.annotationType().isAnnotationPresent(HttpMethod.class)) {
                    out.add(m);
                    break;
                }
            }
        }
        return out;
    }

    /** The SOAP operations of an implementor: its public instance methods not excluded with {@code @WebMethod}. */
    public static List<Method> soapOperations(Class<?> type) {
        List<Method> out = new ArrayList<>();
        for (Method m : type.getMethods()) {
            WebMethod wm = m.getAnnotation(WebMethod.class);
            if (m.getDeclaringClass() == Object.class || Modifier.isStatic(m.getModifiers())
                    || (wm != null && wm.exclude())) {
                continue;
            }
            out.add(m);
        }
        return out;
    }

    /**
     * Why the methods cannot be published: each one naming no privilege and not public (or public where public is
     * not allowed, as on SOAP), or naming a privilege no installed module declares. Empty when all is well.
     */
    public static List<String> problems(Class<?> type, List<Method> methods, boolean publicAllowed,
            Predicate<String> declared) {
        List<String> problems = new ArrayList<>();
        for (Method m : methods) {
            Rule r = rule(type, m);
            String where = type.getName() + "." + m.getName();
            if (r.open()) {
                if (!publicAllowed) {
                    problems.add(where + " is @PublicEndpoint, which SOAP operations cannot be");
                }
            } else if (r.privilege() == null) {
                problems.add(where + " names no privilege (@RequiresPrivilege) and is not @PublicEndpoint");
            } else if (!declared.test(r.privilege())) {
                problems.add(where + " requires privilege " + r.privilege() + ", which no installed module declares");
            }
        }
        return problems;
    }
}
