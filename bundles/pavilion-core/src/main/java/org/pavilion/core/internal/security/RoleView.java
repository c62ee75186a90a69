package org.pavilion.core.internal.security;

import java.util.List;

/** A role as administrators see it: its privileges, and whether the platform seeded it. */
public final class RoleView {
    public String name;
    public String description;
    public boolean seeded;
    public List<String> privileges;
}
