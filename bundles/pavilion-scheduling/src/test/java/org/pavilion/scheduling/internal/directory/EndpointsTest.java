package org.pavilion.scheduling.internal.directory;

import static org.junit.Assert.assertEquals;

import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.junit.Test;
import org.pavilion.core.internal.rest.EndpointRules;
import org.pavilion.scheduling.internal.schedule.SlotsResource;

/**
 * The directory's REST classes pass the platform's publication check (every method public or naming a declared
 * privilege), and exactly the browsing methods (plus the two profile edits that decide between two privileges in
 * the service) are open without a login.
 */
public class EndpointsTest {

    @Test
    public void everyMethodIsPublicOrNamesADeclaredPrivilege() throws Exception {
        Properties declared = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/OSGI-INF/pavilion/privileges.properties")) {
            declared.load(in);
        }
        Map<Class<?>, Set<String>> open = Map.of(
                DoctorsResource.class, Set.of("list", "get", "photo", "update", "putPhoto"),
                ServicesResource.class, Set.of("list"),
                SlotsResource.class, Set.of("find"));
        open.forEach((type, expected) -> {
            List<Method> methods = EndpointRules.restMethods(type);
            assertEquals(type.getSimpleName(), List.of(),
                    EndpointRules.problems(type, methods, true, declared::containsKey));
            Set<String> public_ = new TreeSet<>();
            methods.stream().filter(m -> EndpointRules.rule(type, m).open()).forEach(m -> public_.add(m.getName()));
            assertEquals(type.getSimpleName(), new TreeSet<>(expected), public_);
        });
        assertEquals(15, EndpointRules.restMethods(DoctorsResource.class).size());
    }
}
