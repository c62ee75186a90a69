package org.pavilion.core.internal.security;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;

import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.ProblemException;

/**
 * Roles, their privileges, users' roles and the privileges the platform has seen, in core's tables (plain JDBC on
 * the unit's transaction: a handful of narrow rows, no entity state worth tracking).
 */
public final class RoleStore {

    private static final Pattern ROLE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{1,63}");

    private final JpaTransactions jpa;

    public RoleStore(JpaTransactions jpa) {
        this.jpa = jpa;
    }

    /** What a user holds: role names and the privileges they grant. */
    public record Grants(Set<String> roleIds, Set<String> roles, Set<String> privileges) {
    }

    public interface Sql<R> {
        R run(Connection c) throws SQLException;
    }

    <R> R tx(Sql<R> work) {
        return jpa.call(em -> {
            try {
                return work.run(JpaTransactions.connection(em));
            } catch (SQLException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        });
    }

    // ---- users ---------------------------------------------------------------------------------------

    public Grants grantsOf(Connection c, String username) throws SQLException {
        Set<String> ids = new TreeSet<>();
        Set<String> names = new TreeSet<>();
        try (PreparedStatement s = c.prepareStatement("SELECT r.id, r.name FROM core_user_role ur JOIN core_role r "
                + "ON r.id = ur.role_id WHERE ur.username = ?")) {
            s.setString(1, username);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                    names.add(rs.getString(2));
                }
            }
        }
        Set<String> privileges = new TreeSet<>();
        try (PreparedStatement s = c.prepareStatement("SELECT DISTINCT rp.privilege FROM core_user_role ur "
                + "JOIN core_role_privilege rp ON rp.role_id = ur.role_id WHERE ur.username = ?")) {
            s.setString(1, username);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    privileges.add(rs.getString(1));
                }
            }
        }
        return new Grants(Set.copyOf(ids), Set.copyOf(names), Set.copyOf(privileges));
    }

    /** Role ids for role names, or a 400 naming the unknown ones. */
    public Set<String> roleIds(Connection c, Collection<String> names) throws SQLException {
        Map<String, String> byName = roleIdsByName(c);
        Set<String> ids = new TreeSet<>();
        List<String> unknown = new ArrayList<>();
        for (String n : names) {
            String id = n == null ? null : byName.get(n.strip());
            if (id == null) {
                unknown.add(String.valueOf(n));
            } else {
                ids.add(id);
            }
        }
        if (!unknown.isEmpty()) {
            throw ProblemException.validation("unknown role(s) " + unknown + "; see GET /api/v1/platform/roles");
        }
        return ids;
    }

    public void setUserRoles(Connection c, String username, Set<String> roleIds) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM core_user_role WHERE username = ?")) {
            s.setString(1, username);
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO core_user_role (username, role_id) VALUES (?, ?)")) {
            for (String id : roleIds) {
                s.setString(1, username);
                s.setString(2, id);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    // ---- roles ---------------------------------------------------------------------------------------

    private static Map<String, String> roleIdsByName(Connection c) throws SQLException {
        Map<String, String> byName = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT name, id FROM core_role");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                byName.put(rs.getString(1), rs.getString(2));
            }
        }
        return byName;
    }

    private static String requireRole(Connection c, String name) throws SQLException {
        String id = roleIdsByName(c).get(name == null ? "" : name.strip());
        if (id == null) {
            throw ProblemException.notFound("Role", name);
        }
        return id;
    }

    public List<RoleView> roles() {
        return tx(c -> {
            Map<String, RoleView> byId = new LinkedHashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT id, name, description, seeded FROM core_role ORDER BY name");
                    ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    RoleView v = new RoleView();
                    v.name = rs.getString(2);
                    v.description = rs.getString(3);
                    v.seeded = rs.getBoolean(4);
                    v.privileges = new ArrayList<>();
                    byId.put(rs.getString(1), v);
                }
            }
            try (PreparedStatement s = c.prepareStatement("SELECT role_id, privilege FROM core_role_privilege ORDER BY privilege");
                    ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    RoleView v = byId.get(rs.getString(1));
                    if (v != null) {
                        v.privileges.add(rs.getString(2));
                    }
                }
            }
            return new ArrayList<>(byId.values());
        });
    }

    public RoleView role(String name) {
        return roles().stream().filter(r -> r.name.equals(name)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("Role", name));
    }

    public RoleView create(String name, String description) {
        String valid = validName(name);
        tx(c -> {
            if (roleIdsByName(c).containsKey(valid)) {
                throw ProblemException.conflict("Role " + valid + " already exists");
            }
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO core_role (id, name, description, seeded) VALUES (?, ?, ?, ?)")) {
                s.setString(1, UUID.randomUUID().toString());
                s.setString(2, valid);
                s.setString(3, blankToNull(description));
                s.setBoolean(4, false);
                s.executeUpdate();
            }
            return null;
        });
        return role(valid);
    }

    /** Renames and/or describes a role; its grants and users stay with it. */
    public RoleView update(String name, String newName, String description) {
        String target = newName == null || newName.isBlank() ? name : validName(newName);
        tx(c -> {
            String id = requireRole(c, name);
            String holder = roleIdsByName(c).get(target);
            if (holder != null && !holder.equals(id)) {
                throw ProblemException.conflict("Role " + target + " already exists");
            }
            try (PreparedStatement s = c.prepareStatement(description == null
                    ? "UPDATE core_role SET name = ? WHERE id = ?"
                    : "UPDATE core_role SET name = ?, description = ? WHERE id = ?")) {
                s.setString(1, target);
                if (description == null) {
                    s.setString(2, id);
                } else {
                    s.setString(2, blankToNull(description));
                    s.setString(3, id);
                }
                s.executeUpdate();
            }
            return null;
        });
        return role(target);
    }

    /** Grants a privilege the platform knows; false when the role already had it. */
    public boolean grant(String role, String privilege) {
        return tx(c -> grant(c, role, privilege));
    }

    /** {@link #grant(String, String)} in the caller's transaction {@code c}. */
    boolean grant(Connection c, String role, String privilege) throws SQLException {
        String id = requireRole(c, role);
        if (!privilegeKnown(c, privilege)) {
            throw ProblemException.notFound("Privilege", privilege);
        }
        if (holds(c, id, privilege)) {
            return false;
        }
        insertGrant(c, id, privilege);
        return true;
    }

    /** The factory of this store's transactions, for a change that commits with its audit records. */
    javax.persistence.EntityManagerFactory entityManagerFactory() {
        return jpa.entityManagerFactory();
    }

    /** False when the role did not have it. */
    public boolean revoke(String role, String privilege) {
        return tx(c -> {
            String id = requireRole(c, role);
            if (!privilegeKnown(c, privilege)) {
                throw ProblemException.notFound("Privilege", privilege);
            }
            try (PreparedStatement s = c.prepareStatement(
                    "DELETE FROM core_role_privilege WHERE role_id = ? AND privilege = ?")) {
                s.setString(1, id);
                s.setString(2, privilege);
                return s.executeUpdate() > 0;
            }
        });
    }

    private static boolean holds(Connection c, String roleId, String privilege) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT 1 FROM core_role_privilege WHERE role_id = ? AND privilege = ?")) {
            s.setString(1, roleId);
            s.setString(2, privilege);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void insertGrant(Connection c, String roleId, String privilege) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO core_role_privilege (role_id, privilege) VALUES (?, ?)")) {
            s.setString(1, roleId);
            s.setString(2, privilege);
            s.executeUpdate();
        }
    }

    // ---- privileges ----------------------------------------------------------------------------------

    private static boolean privilegeKnown(Connection c, String privilege) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM core_privilege WHERE name = ?")) {
            s.setString(1, privilege);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * Records a module's privileges. A privilege seen for the first time gets its default grants (to the seeded
     * roles, by id, so a renamed seeded role still receives them); one seen before keeps whatever administrators
     * made of it, so a reinstall never undoes a revoke. Returns the names seen for the first time.
     */
    public List<String> declare(String module, List<PrivilegeDeclaration> declarations, long nowMs) {
        try {
            return declareOnce(module, declarations, nowMs);
        } catch (RuntimeException raced) {
            // Another container sharing the database recorded the same privilege first: its grants stand.
            return declareOnce(module, declarations, nowMs);
        }
    }

    private List<String> declareOnce(String module, List<PrivilegeDeclaration> declarations, long nowMs) {
        return tx(c -> {
            List<String> added = new ArrayList<>();
            Map<String, String> roleIds = new LinkedHashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT id FROM core_role WHERE seeded = ?")) {
                s.setBoolean(1, true);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        roleIds.put(rs.getString(1), rs.getString(1));
                    }
                }
            }
            for (PrivilegeDeclaration d : declarations) {
                if (privilegeKnown(c, d.name())) {
                    try (PreparedStatement s = c.prepareStatement(
                            "UPDATE core_privilege SET module = ?, description = ? WHERE name = ?")) {
                        s.setString(1, module);
                        s.setString(2, d.description());
                        s.setString(3, d.name());
                        s.executeUpdate();
                    }
                    continue;
                }
                try (PreparedStatement s = c.prepareStatement(
                        "INSERT INTO core_privilege (name, module, description, first_seen_ms) VALUES (?, ?, ?, ?)")) {
                    s.setString(1, d.name());
                    s.setString(2, module);
                    s.setString(3, d.description());
                    s.setLong(4, nowMs);
                    s.executeUpdate();
                }
                for (String role : d.defaultRoles()) {
                    if (roleIds.containsKey(role) && !holds(c, role, d.name())) {
                        insertGrant(c, role, d.name());
                    }
                }
                added.add(d.name());
            }
            return added;
        });
    }

    /** Every privilege ever seen, with the roles granting it; availability is the caller's to fill in. */
    public List<PrivilegeView> privileges() {
        return tx(c -> {
            Map<String, PrivilegeView> byName = new LinkedHashMap<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT name, module, description FROM core_privilege ORDER BY name");
                    ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    PrivilegeView v = new PrivilegeView();
                    v.name = rs.getString(1);
                    v.module = rs.getString(2);
                    v.description = rs.getString(3);
                    v.roles = new ArrayList<>();
                    byName.put(v.name, v);
                }
            }
            try (PreparedStatement s = c.prepareStatement("SELECT rp.privilege, r.name FROM core_role_privilege rp "
                    + "JOIN core_role r ON r.id = rp.role_id ORDER BY r.name");
                    ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    PrivilegeView v = byName.get(rs.getString(1));
                    if (v != null) {
                        v.roles.add(rs.getString(2));
                    }
                }
            }
            return new ArrayList<>(byName.values());
        });
    }

    private static String validName(String name) {
        String n = name == null ? "" : name.strip();
        if (!ROLE_NAME.matcher(n).matches()) {
            throw ProblemException.validation("a role name is 2 to 64 letters, digits, '_' or '-', starting with a letter");
        }
        return n;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
