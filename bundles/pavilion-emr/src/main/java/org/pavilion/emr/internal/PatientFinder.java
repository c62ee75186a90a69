package org.pavilion.emr.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.Databases;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.rest.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Patient search for REST and SOAP: by MRN, national id, phone, birth date and name, the name matched by
 * prefix and, unless {@code fuzzy} is false, with typos.
 *
 * <p>A caller who may not see restricted patients' contact data ({@link RestrictedContact}) finds them by MRN,
 * name and birth date only: a search by national id or phone leaves restricted patients out, so a withheld value
 * cannot be guessed by searching for it. Hits shown to such a caller carry no contact data ({@code hidden}).
 *
 * <p>Ranking is done in segments, each a plain query in the order of an index, so paging stays in the database
 * and behaves the same on H2 and PostgreSQL: exact name, then prefix, then typos at 1 edit, then at 2 edits; at
 * each rank family-name hits before given-name hits (see {@link #nameSegments}). Typos are found without scanning the table: the typed word's Double Metaphone
 * keys give, from an index on (phonetic key, name), the few distinct spellings that sound alike; Java keeps those
 * within the edit distance; the tier query then asks for patients with exactly those names. Merged duplicates
 * ({@code merged_into} set) are never returned.
 */
@Component(service = PatientFinder.class, configurationPid = "org.pavilion.emr.search")
@Designate(ocd = SearchConfig.class)
public class PatientFinder {

    private static final Logger LOG = LoggerFactory.getLogger(PatientFinder.class);

    /** Distinct spellings read per phonetic key lookup at most: a key is shared by a handful of names. */
    static final int MAX_SPELLINGS = 500;
    /** Hits of one match rank counted at most by default; beyond, the total is a lower bound (see Found). */
    static final int DEFAULT_COUNT_CAP = 1000;
    private static final int BACKFILL_BATCH = 1000;

    private final JpaTransactions jpa;
    private final AuditService audit;
    /** How "not a merged duplicate" is written for this database, see {@link #notMergedCondition}. */
    private final String notMerged;
    private final int countCap;

    @Activate
    public PatientFinder(@Reference(target = "(osgi.unit.name=pavilion-emr)") EntityManagerFactory emf,
            @Reference AuditService audit, SearchConfig config) {
        this.jpa = new JpaTransactions(emf);
        this.countCap = config.countCap();
        this.audit = audit;
        String product = databaseProduct();
        this.notMerged = notMergedCondition(product);
        LOG.info("Patient search on {}: merged duplicates filtered by {}", product, notMerged);
        backfillPhoneticKeys();
    }

    /**
     * Paged search; criteria combined with AND, at least one required.
     *
     * @param fuzzy also match names with typos (ranked after exact and prefix matches)
     */
    public Found search(PatientSearch q, int page, int size, boolean fuzzy) {
        Page.validate(page, size);
        StringBuilder base = new StringBuilder(notMerged);
        Map<String, Object> params = new HashMap<>();
        List<String> used = new ArrayList<>();
        String mrn = blankToNull(q == null ? null : q.mrn);
        if (mrn != null) {
            PatientService.requireValidMrn(mrn);
            base.append(" AND p.mrn = :mrn");
            params.put("mrn", mrn);
            used.add("mrn");
        }
        String nationalId = blankToNull(q == null ? null : q.nationalId);
        if (nationalId != null) {
            base.append(" AND p.national_id_norm = :nid");
            params.put("nid", ValidDemographics.normaliseNationalId(nationalId));
            used.add("nationalId");
        }
        String phone = blankToNull(q == null ? null : q.phone);
        if (phone != null) {
            base.append(" AND p.mrn IN (SELECT ph.mrn FROM emr_patient_phone ph WHERE ph.phone_norm = :phone)");
            params.put("phone", ValidDemographics.normalisePhone(phone));
            used.add("phone");
        }
        String birthDate = blankToNull(q == null ? null : q.birthDate);
        if (birthDate != null) {
            if (ValidDemographics.parseDate(birthDate) == null) {
                throw ProblemException.validation("birthDate must be a date as yyyy-MM-dd, was '" + birthDate + "'");
            }
            base.append(" AND p.birth_date = :dob");
            params.put("dob", birthDate);
            used.add("birthDate");
        }
        String name = Names.normalise(q == null ? null : q.name);
        if (!name.isEmpty()) {
            used.add(fuzzy ? "name(fuzzy)" : "name");
        }
        if (used.isEmpty()) {
            throw ProblemException.validation("Give at least one of mrn, nationalId, phone, birthDate, name");
        }
        boolean seesRestrictedContact = RestrictedContact.callerMaySee();
        if (!seesRestrictedContact && (nationalId != null || phone != null)) {
            // A field withheld from this caller must not find its patient either, or searching would confirm
            // the hidden value ("is this her number?"). Name, MRN and birth date still find restricted patients.
            base.append(" AND p.restricted = FALSE");
        }
        boolean[] lowerBound = new boolean[1];
        Page<Patient> result = jpa.call(em -> {
            List<Segment> segments = name.isEmpty() ? List.of(new Segment("1 = 1", BY_FAMILY))
                    : nameSegments(em, name, fuzzy, params);
            return page(em, base.toString(), segments, params, name, page, size, countCap, lowerBound);
        });
        String detail = "by " + String.join(",", used) + "; " + result.getItems().size() + " of " + result.getTotal();
        // One record per patient shown, so "who has seen this patient" is answerable from the trail; written
        // in one transaction, as one record per transaction was most of a search's time.
        List<AuditEvent> records = new ArrayList<>();
        for (Patient p : result.getItems()) {
            records.add(AuditEvent.of("SEARCH", PatientService.RESOURCE).resourceId(p.mrn).patientId(p.mrn)
                    .detail(detail).build());
        }
        if (records.isEmpty()) {
            records.add(AuditEvent.of("SEARCH", PatientService.RESOURCE).detail(detail).build());
        }
        audit.recordAll(records);
        if (!seesRestrictedContact) {
            result.getItems().forEach(RestrictedContact::hide); // a hit by name or MRN is shown, not its contacts
        }
        return new Found(result, lowerBound[0]);
    }

    /**
     * A page of hits; with {@code totalIsLowerBound}, a match rank had more hits than are counted
     * ({@link SearchConfig#countCap}) and {@code total} counts only that many of them ("1,000+": the clerk
     * should narrow the search).
     */
    public record Found(Page<Patient> page, boolean totalIsLowerBound) {
    }

    /** Order of a segment driven by the family name, and of one driven by the given name: both follow an index. */
    static final Order BY_FAMILY = new Order("p.family_name_norm", "p.given_name_norm");
    static final Order BY_GIVEN = new Order("p.given_name_norm", "p.family_name_norm");
    /** Typo spellings queried one by one (index order, no sort); the rest of a group share one IN query. */
    static final int SPELLINGS_ONE_BY_ONE = 8;

    /**
     * A slice of the ranking: disjoint conditions (SQL) and the order their index gives. Most segments have one
     * condition; a two-part fuzzy name has one per (family way, given way) pair, each read on its own and merged
     * (see {@link #candidates}), because H2 cannot serve an OR of conditions on different columns from an index.
     */
    record Segment(List<String> parts, Order order) {

        Segment(String condition, Order order) {
            this(List.of(condition), order);
        }

        /** All parts as one condition, to exclude this segment's hits from later segments (a filter only). */
        String condition() {
            return parts.size() == 1 ? parts.get(0) : "(" + String.join(" OR ", parts) + ")";
        }
    }

    /** Sort keys of a segment: one name, the other name, then the MRN: the columns of a name index. */
    record Order(String first, String second) {
    }

    /**
     * The name conditions in rank order: exact, prefix, typo at 1 edit, typo at 2 edits; at each rank the family
     * name before the given name, and typo spellings one by one in alphabetical order. Each segment is a
     * condition on one leading column with the order of the (name, other name, mrn) index, so the database
     * reads a page in index order and stops; each excludes the earlier ones, so a patient appears once, at its
     * best rank. Fills {@code params}.
     */
    private static List<Segment> nameSegments(EntityManager em, String name, boolean fuzzy, Map<String, Object> params) {
        List<Segment> segments = new ArrayList<>();
        int space = name.indexOf(' ');
        params.put("nameAll", name);
        putPrefix(params, "nameAllPrefix", name);
        if (space < 0) {
            segments.add(new Segment("p.family_name_norm = :nameAll", BY_FAMILY));
            segments.add(new Segment("p.given_name_norm = :nameAll", BY_GIVEN));
            segments.add(new Segment(startsWith("p.family_name_norm", "nameAllPrefix"), BY_FAMILY));
            segments.add(new Segment(startsWith("p.given_name_norm", "nameAllPrefix"), BY_GIVEN));
            if (fuzzy) {
                TreeMap<Integer, List<String>> family = NameMatching.typoSpellings(name, spellings(em, "family", name));
                TreeMap<Integer, List<String>> given = NameMatching.typoSpellings(name, spellings(em, "given", name));
                for (int d = 1; d <= 2; d++) {
                    spellingSegments(segments, "family", family.get(d), "tf" + d, BY_FAMILY, params);
                    spellingSegments(segments, "given", given.get(d), "tg" + d, BY_GIVEN, params);
                }
            }
            return segments;
        }
        // Several words: the first and the rest as given + family or family + given, or all of it as one name.
        String first = name.substring(0, space);
        String rest = name.substring(space + 1);
        params.put("nameFirst", first);
        params.put("nameRest", rest);
        putPrefix(params, "nameFirstPrefix", first);
        putPrefix(params, "nameRestPrefix", rest);
        segments.add(new Segment("(p.family_name_norm = :nameRest AND p.given_name_norm = :nameFirst)", BY_FAMILY));
        segments.add(new Segment("(p.family_name_norm = :nameFirst AND p.given_name_norm = :nameRest)", BY_FAMILY));
        segments.add(new Segment("p.family_name_norm = :nameAll", BY_FAMILY));
        segments.add(new Segment("p.given_name_norm = :nameAll", BY_GIVEN));
        segments.add(new Segment("(" + startsWith("p.family_name_norm", "nameRestPrefix") + " AND "
                + startsWith("p.given_name_norm", "nameFirstPrefix") + ")", BY_FAMILY));
        segments.add(new Segment("(" + startsWith("p.family_name_norm", "nameFirstPrefix") + " AND "
                + startsWith("p.given_name_norm", "nameRestPrefix") + ")", BY_FAMILY));
        segments.add(new Segment(startsWith("p.family_name_norm", "nameAllPrefix"), BY_FAMILY));
        segments.add(new Segment(startsWith("p.given_name_norm", "nameAllPrefix"), BY_GIVEN));
        if (fuzzy) {
            // Each part by prefix or with typos (at most 2 edits each).
            List<String> givenFirst = part(em, "given", first, "nameFirstPrefix", "tGivenFirst", params);
            List<String> familyRest = part(em, "family", rest, "nameRestPrefix", "tFamilyRest", params);
            List<String> familyFirst = part(em, "family", first, "nameFirstPrefix", "tFamilyFirst", params);
            List<String> givenRest = part(em, "given", rest, "nameRestPrefix", "tGivenRest", params);
            segments.add(new Segment(both(familyRest, givenFirst), BY_FAMILY));
            segments.add(new Segment(both(familyFirst, givenRest), BY_FAMILY));
        }
        return segments;
    }

    /**
     * "Starts with" as a range, {@code prefix <= column < prefix with its last letter incremented}, not LIKE: a
     * prepared statement's generic plan cannot use an index for {@code LIKE ?} (PostgreSQL then scans the table),
     * but always can for a range. Correct for both databases because the normalised names compare by code (H2's
     * default, the "C" collation on PostgreSQL: see emr-search-changelog.xml).
     */
    private static String startsWith(String column, String param) {
        return "(" + column + " >= :" + param + "Lo AND " + column + " < :" + param + "Hi)";
    }

    static void putPrefix(Map<String, Object> params, String param, String prefix) {
        char last = prefix.charAt(prefix.length() - 1);
        params.put(param + "Lo", prefix);
        params.put(param + "Hi", last == Character.MAX_VALUE ? prefix + Character.MAX_VALUE
                : prefix.substring(0, prefix.length() - 1) + (char) (last + 1));
    }

    /** One segment per spelling (index order), the spellings beyond the first few together. */
    private static void spellingSegments(List<Segment> segments, String field, List<String> spellings, String param,
            Order order, Map<String, Object> params) {
        if (spellings == null) {
            return;
        }
        String column = "p." + field + "_name_norm";
        for (int i = 0; i < spellings.size() && i < SPELLINGS_ONE_BY_ONE; i++) {
            params.put(param + "_" + i, spellings.get(i));
            segments.add(new Segment(column + " = :" + param + "_" + i, order));
        }
        if (spellings.size() > SPELLINGS_ONE_BY_ONE) {
            // Alphabetically after the ones above, so the order across segments is kept.
            params.put(param + "_rest", spellings.subList(SPELLINGS_ONE_BY_ONE, spellings.size()));
            segments.add(new Segment(column + " IN :" + param + "_rest", order));
        }
    }

    /**
     * One part of a two-part name: the ways it may match, a prefix of the field or one of its typo spellings
     * (each spelling its own parameter).
     */
    private static List<String> part(EntityManager em, String field, String typed, String prefixParam,
            String listParam, Map<String, Object> params) {
        String column = "p." + field + "_name_norm";
        List<String> typos = new ArrayList<>();
        NameMatching.typoSpellings(typed, spellings(em, field, typed)).values().forEach(typos::addAll);
        List<String> ways = new ArrayList<>();
        ways.add(startsWith(column, prefixParam));
        for (int i = 0; i < typos.size(); i++) {
            params.put(listParam + "_" + i, typos.get(i));
            ways.add(column + " = :" + listParam + "_" + i);
        }
        return ways;
    }

    /** Most pairs of ways read one by one; beyond, one read per family way (its given ways as a filter). */
    static final int MAX_PAIRS = 64;

    /**
     * Family and given name both matching, as disjoint (family way AND given way) pairs: each pair is one range
     * of the (family, given, mrn) index, so both databases read only matching entries. As one OR (the former
     * form) H2 could use no index and read the whole table: 3.4 s for "james jonhson" at 100,000 patients with 4
     * clients; as (family ways) AND (given ways) PostgreSQL read every entry of the family's spellings (17,000
     * Johnsons at 1,000,000 patients) to find a few James Johnsons. The ways of a part are disjoint (a typo
     * spelling never starts with the typed word), so the pairs are too.
     */
    static List<String> both(List<String> familyWays, List<String> givenWays) {
        List<String> pairs = new ArrayList<>();
        if (familyWays.size() * givenWays.size() > MAX_PAIRS) {
            String anyGiven = "(" + String.join(" OR ", givenWays) + ")";
            for (String f : familyWays) {
                pairs.add("(" + f + " AND " + anyGiven + ")");
            }
            return pairs;
        }
        for (String f : familyWays) {
            for (String g : givenWays) {
                pairs.add("(" + f + " AND " + g + ")");
            }
        }
        return pairs;
    }

    /** Distinct stored spellings of the family or given name that sound like {@code typed} (index only). */
    private static List<String> spellings(EntityManager em, String field, String typed) {
        Set<String> keys = NameKeys.queryKeys(typed);
        if (keys.isEmpty() || typed.replace(" ", "").length() < NameMatching.MIN_TYPO_LENGTH) {
            return List.of();
        }
        Set<String> all = new java.util.LinkedHashSet<>();
        for (String key : keys) {
            all.addAll(SpellingCache.spellings(field, key, () -> em.createQuery("SELECT DISTINCT p." + field
                    + "NameNorm FROM PatientEntity p WHERE p." + field + "NamePhonetic = :key", String.class)
                    .setParameter("key", key).setMaxResults(MAX_SPELLINGS).getResultList()));
        }
        return new ArrayList<>(all);
    }

    /**
     * Reads the page's slice from the segments it spans, counting each segment on the way. Counting every
     * "Smi..." of a large registry was most of a search's time, so a segment is counted only up to
     * {@link SearchConfig#countCap}; past it the total is a lower bound. Each segment costs one statement that
     * returns its (capped) count and its rows of the page together (see {@link #segmentSql}); a page starting beyond a capped
     * segment's cap, rare, counts that segment exactly to know where the next one starts. Once a rank was capped
     * and the page is full, later ranks are neither read nor counted. The patients of the page are then read
     * in one query, their phones in another, all on the unit's connection.
     */
    private static Page<Patient> page(EntityManager em, String base, List<Segment> segments,
            Map<String, Object> params, String name, int page, int size, int countCap, boolean[] lowerBound) {
        long total = 0;
        long skip = (long) page * size;
        List<String> mrns = new ArrayList<>();
        Map<String, List<String>> phones;
        Map<String, PatientEntity> byMrn;
        StringBuilder earlier = new StringBuilder();
        try (Connection connection = em.unwrap(Connection.class)) {
            for (Segment segment : segments) {
                if (lowerBound[0] && mrns.size() >= size) {
                    break; // the page is full and the total is a lower bound anyway: later ranks need no counting
                }
                String filter = base + earlier;
                // Beyond the cap the page is read by deepSlice; here only the capped count is wanted.
                int take = skip >= countCap ? 0 : size - mrns.size();
                long count = 0;
                try (PreparedStatement ps = NamedSql.of(segmentSql(filter, segment, skip, take, countCap), params)
                        .prepare(connection); ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        count = rs.getLong(3);
                        long rn = rs.getLong(2);
                        if (rn > skip && rn <= skip + take) {
                            mrns.add(rs.getString(1));
                        }
                    }
                }
                if (count > countCap) {
                    if (mrns.size() < size && skip >= countCap) {
                        count = deepSlice(connection, filter, segment, params, skip, size - mrns.size(), mrns);
                    } else {
                        lowerBound[0] = true;
                        count = countCap;
                    }
                }
                total += count;
                skip = Math.max(0, skip - count);
                earlier.append(" AND NOT ").append(segment.condition());
            }
            byMrn = patients(connection, mrns);
            phones = phones(connection, mrns);
        } catch (SQLException e) {
            throw new IllegalStateException("Patient search failed: " + e.getMessage(), e);
        }
        List<Patient> items = new ArrayList<>();
        for (String mrn : mrns) {
            PatientEntity e = byMrn.get(mrn);
            if (e == null) {
                continue; // merged or erased between the two reads
            }
            PatientMatch m = Patient.fill(new PatientMatch(), e, phones.getOrDefault(mrn, List.of()));
            if (!name.isEmpty()) {
                m.matches = matches(name, e);
            }
            items.add(m);
        }
        return new Page<>(items, page, size, total);
    }

    /**
     * One segment in one statement: its first {@code countCap + 1} matches in index order (more if the page
     * reaches further), numbered; rows 1 and {@code skip+1 .. skip+take} come back, each with the number of
     * matches read. Row 1 is always returned so the count arrives even when the page lies beyond the segment.
     * Columns: mrn, row number, count.
     */
    static String segmentSql(String filter, Segment segment, long skip, int take, int countCap) {
        long limit = Math.max(countCap + 1, skip + take);
        return "SELECT t.mrn, t.rn, t.n FROM (SELECT c.mrn, ROW_NUMBER() OVER (ORDER BY c.k1, c.k2, c.mrn) AS rn,"
                + " COUNT(*) OVER () AS n FROM (" + candidates(filter, segment, limit) + ") c) t WHERE t.rn = 1 OR"
                + " (t.rn > " + skip + " AND t.rn <= " + (skip + take) + ") ORDER BY t.rn";
    }

    /**
     * The segment's first {@code limit} matches in index order, as rows (mrn, k1, k2): each part read in the order
     * of its index and cut at {@code limit}, the parts then merged (UNION ALL, one statement), so every read is an
     * index range on H2 as on PostgreSQL and at most {@code parts x limit} rows are merged.
     */
    static String candidates(String filter, Segment segment, long limit) {
        Order order = segment.order();
        if (segment.parts().size() == 1) {
            return branch(filter, segment.parts().get(0), order, limit);
        }
        StringBuilder union = new StringBuilder("SELECT u.mrn, u.k1, u.k2 FROM (");
        for (int i = 0; i < segment.parts().size(); i++) {
            union.append(i == 0 ? "(" : " UNION ALL (").append(branch(filter, segment.parts().get(i), order, limit))
                    .append(')');
        }
        return union.append(") u ORDER BY u.k1, u.k2, u.mrn LIMIT ").append(limit).toString();
    }

    private static String branch(String filter, String part, Order order, long limit) {
        return "SELECT p.mrn, " + order.first() + " AS k1, " + order.second() + " AS k2 FROM emr_patient p WHERE "
                + filter + " AND " + part + " ORDER BY " + order.first() + ", " + order.second() + ", p.mrn LIMIT "
                + limit;
    }

    /**
     * The page's patients, read as rows: a JPQL query with an IN list of MRNs was the largest part of a search
     * (OpenJPA builds its SQL anew for each list), and these objects are only read.
     */
    private static Map<String, PatientEntity> patients(Connection connection, List<String> mrns) throws SQLException {
        Map<String, PatientEntity> byMrn = new HashMap<>();
        if (mrns.isEmpty()) {
            return byMrn;
        }
        try (PreparedStatement ps = NamedSql.of("SELECT mrn, given_name, family_name, given_name_norm,"
                + " family_name_norm, sex, birth_date, national_id, email, address_line, address_city,"
                + " address_postal_code, address_country, preferred_language, registered_ms, registered_by, updated_ms,"
                + " updated_by, restricted, version, unidentified, birth_date_estimated, arrival_note"
                + " FROM emr_patient WHERE mrn IN :mrns", Map.of("mrns", mrns)).prepare(connection);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                PatientEntity e = new PatientEntity();
                e.setMrn(rs.getString(1));
                e.setGivenName(rs.getString(2));
                e.setFamilyName(rs.getString(3));
                e.setGivenNameNorm(rs.getString(4));
                e.setFamilyNameNorm(rs.getString(5));
                e.setSex(rs.getString(6));
                e.setBirthDate(rs.getString(7));
                e.setNationalId(rs.getString(8));
                e.setEmail(rs.getString(9));
                e.setAddressLine(rs.getString(10));
                e.setAddressCity(rs.getString(11));
                e.setAddressPostalCode(rs.getString(12));
                e.setAddressCountry(rs.getString(13));
                e.setPreferredLanguage(rs.getString(14));
                e.setRegisteredMs(rs.getLong(15));
                e.setRegisteredBy(rs.getString(16));
                e.setUpdatedMs(rs.getLong(17));
                e.setUpdatedBy(rs.getString(18));
                e.setRestricted(rs.getBoolean(19));
                e.setVersion(rs.getLong(20));
                e.setUnidentified(rs.getBoolean(21));
                e.setBirthDateEstimated(rs.getBoolean(22));
                e.setArrivalNote(rs.getString(23));
                byMrn.put(e.getMrn(), e);
            }
        }
        return byMrn;
    }

    /** The phones of the page's patients in their order (as PatientService.phones, without the JPQL per page). */
    private static Map<String, List<String>> phones(Connection connection, List<String> mrns) throws SQLException {
        Map<String, List<String>> byMrn = new HashMap<>();
        if (mrns.isEmpty()) {
            return byMrn;
        }
        try (PreparedStatement ps = NamedSql.of("SELECT ph.mrn, ph.phone FROM emr_patient_phone ph WHERE ph.mrn IN"
                + " :mrns ORDER BY ph.mrn, ph.seq_no", Map.of("mrns", mrns)).prepare(connection);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                byMrn.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
            }
        }
        return byMrn;
    }

    /**
     * A page deep into a large segment: its exact count (part by part: each an indexed count), and its rows from
     * {@code skip} on.
     */
    private static long deepSlice(Connection connection, String filter, Segment segment, Map<String, Object> params,
            long skip, int take, List<String> mrns) throws SQLException {
        long count = 0;
        for (String part : segment.parts()) {
            try (PreparedStatement ps = NamedSql.of("SELECT COUNT(*) FROM emr_patient p WHERE " + filter + " AND "
                    + part, params).prepare(connection); ResultSet rs = ps.executeQuery()) {
                rs.next();
                count += rs.getLong(1);
            }
        }
        if (skip < count) {
            String sql = "SELECT c.mrn FROM (" + candidates(filter, segment, skip + take) + ") c ORDER BY c.k1, c.k2,"
                    + " c.mrn LIMIT " + take + " OFFSET " + skip;
            try (PreparedStatement ps = NamedSql.of(sql, params).prepare(connection); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    mrns.add(rs.getString(1));
                }
            }
        }
        return count;
    }

    /** How each name field matched the query, for the client to show (and for the ranking to be checked). */
    static List<NameMatch> matches(String name, PatientEntity e) {
        List<String> words = new ArrayList<>(List.of(name));
        int space = name.indexOf(' ');
        if (space > 0) {
            words.add(name.substring(0, space));
            words.add(name.substring(space + 1));
        }
        NameMatch family = null;
        NameMatch given = null;
        for (String w : words) {
            family = NameMatching.better(family, NameMatching.classify("familyName", w, e.getFamilyNameNorm()));
            given = NameMatching.better(given, NameMatching.classify("givenName", w, e.getGivenNameNorm()));
        }
        List<NameMatch> out = new ArrayList<>();
        if (family != null) {
            out.add(family);
        }
        if (given != null) {
            out.add(given);
        }
        return out;
    }

    /**
     * The same filter, written per database so each uses its best index. PostgreSQL: {@code merged_into IS NULL},
     * the predicate of the partial name indexes. H2 would drive the whole query by the (nearly all null)
     * merged_into index for that condition and read every row (measured: 1,000,000 rows read for one name search,
     * about 10 s); wrapped in COALESCE it is only a filter and the name indexes are used.
     */
    static String notMergedCondition(String databaseProduct) {
        return Databases.isPostgreSql(databaseProduct) ? "p.merged_into IS NULL" : "COALESCE(p.merged_into, '') = ''";
    }

    private String databaseProduct() {
        try {
            return jpa.call(em -> {
                try {
                    return em.unwrap(java.sql.Connection.class).getMetaData().getDatabaseProductName();
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
        } catch (RuntimeException notUnwrappable) {
            try {
                // Only PostgreSQL of our two databases has version(); its answer names it.
                Object version = jpa.call(em -> em.createNativeQuery("SELECT version()").getSingleResult());
                return String.valueOf(version);
            } catch (RuntimeException notPostgreSql) {
                return "unknown";
            }
        }
    }

    /**
     * Rows registered before the phonetic key columns existed have null keys: fill them, a batch per
     * transaction. Idempotent; a no-op once done (one indexed query).
     */
    private void backfillPhoneticKeys() {
        long filled = 0;
        while (true) {
            int n = jpa.call(em -> {
                List<PatientEntity> rows = em.createQuery("SELECT p FROM PatientEntity p WHERE p.familyNamePhonetic IS NULL"
                        + " OR p.givenNamePhonetic IS NULL", PatientEntity.class).setMaxResults(BACKFILL_BATCH).getResultList();
                rows.forEach(NameKeys::fill);
                return rows.size();
            });
            filled += n;
            if (n < BACKFILL_BATCH) {
                break;
            }
        }
        if (filled > 0) {
            LOG.info("Filled the phonetic name keys of {} patients registered before typo-tolerant search", filled);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
