package org.pavilion.core.internal.security;

import java.util.List;

/** A privilege the platform knows; unavailable while no installed module declares it (its grants are kept). */
public final class PrivilegeView {
    public String name;
    public String description;
    public String module;
    public boolean available;
    /** Names of the roles granting it. */
    public List<String> roles;
}
