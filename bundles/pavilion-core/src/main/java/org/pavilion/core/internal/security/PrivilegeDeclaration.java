package org.pavilion.core.internal.security;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One privilege as a module's privilege file declares it (see {@code ModuleHeaders.PRIVILEGES}):
 * {@code name = ROLE, ROLE | description}.
 */
public record PrivilegeDeclaration(String name, Set<String> defaultRoles, String description) {

    /** {@code <module>.<aggregate>.<action>}, lower case; a segment may hold '-' (emr.record.break-glass). */
    public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*){2,}");

    /** Reads a privilege file; a malformed line is an error naming it, so a vendor sees the mistake at once. */
    public static List<PrivilegeDeclaration> parse(InputStream in, String source) throws IOException {
        List<PrivilegeDeclaration> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#") || text.startsWith("!")) {
                continue;
            }
            int eq = text.indexOf('=');
            int bar = text.indexOf('|', eq + 1);
            if (eq < 0 || bar < 0) {
                throw new IllegalArgumentException(source + " line " + number
                        + ": expected 'module.aggregate.action = ROLE, ROLE | description'");
            }
            String name = text.substring(0, eq).strip();
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException(source + " line " + number + ": '" + name
                        + "' is not a privilege name like lab.result.verify");
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException(source + " line " + number + ": " + name + " is declared twice");
            }
            Set<String> roles = Arrays.stream(text.substring(eq + 1, bar).split(",")).map(String::strip)
                    .filter(r -> !r.isEmpty()).collect(Collectors.toCollection(LinkedHashSet::new));
            String description = text.substring(bar + 1).strip();
            out.add(new PrivilegeDeclaration(name, Set.copyOf(roles), description.isEmpty() ? null : description));
        }
        return out;
    }
}
