package org.pavilion.emr.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.TypedQuery;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.rest.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Patient search for REST and SOAP: by MRN, national id, phone, birth date and name, the name matched by
 * prefix and, unless {@code fuzzy} is false, with typos.
 *
 * <p>Ranking is done in tiers, each a plain indexed query, so paging stays in the database and behaves the
 * same on H2 and PostgreSQL: exact name, then prefix, then typos at 1 edit, then at 2 edits; within a tier by
 * family name, given name, MRN. Typos are found without scanning the table: the typed word's Double Metaphone
 * keys give, from an index on (phonetic key, name), the few distinct spellings that sound alike; Java keeps those
 * within the edit distance; the tier query then asks for patients with exactly those names. Merged duplicates
 * ({@code merged_into} set) are never returned.
 */
@Component(service = PatientFinder.class)
public class PatientFinder {

    private static final Logger LOG = LoggerFactory.getLogger(PatientFinder.class);

    /** Distinct spellings read per phonetic key lookup at most: a key is shared by a handful of names. */
    static final int MAX_SPELLINGS = 500;
    private static final int BACKFILL_BATCH = 1000;
    private static final String ORDER = " ORDER BY p.familyNameNorm, p.givenNameNorm, p.mrn";

    private final JpaTransactions jpa;
    private final AuditService audit;

    /** {@code registry} is referenced so the schema (migrated by PatientService) exists before the back-fill. */
    @Activate
    public PatientFinder(@Reference(target = "(osgi.unit.name=pavilion-emr)") EntityManagerFactory emf,
            @Reference AuditService audit, @Reference PatientService registry) {
        this.jpa = new JpaTransactions(emf);
        this.audit = audit;
        backfillPhoneticKeys();
    }

    /**
     * Paged search; criteria combined with AND, at least one required.
     *
     * @param fuzzy also match names with typos (ranked after exact and prefix matches)
     */
    public Page<Patient> search(PatientSearch q, int page, int size, boolean fuzzy) {
        Page.validate(page, size);
        StringBuilder base = new StringBuilder("p.mergedInto IS NULL");
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
            base.append(" AND p.nationalIdNorm = :nid");
            params.put("nid", ValidDemographics.normaliseNationalId(nationalId));
            used.add("nationalId");
        }
        String phone = blankToNull(q == null ? null : q.phone);
        if (phone != null) {
            base.append(" AND p.mrn IN (SELECT ph.mrn FROM PatientPhoneEntity ph WHERE ph.phoneNorm = :phone)");
            params.put("phone", ValidDemographics.normalisePhone(phone));
            used.add("phone");
        }
        String birthDate = blankToNull(q == null ? null : q.birthDate);
        if (birthDate != null) {
            if (ValidDemographics.parseDate(birthDate) == null) {
                throw ProblemException.validation("birthDate must be a date as yyyy-MM-dd, was '" + birthDate + "'");
            }
            base.append(" AND p.birthDate = :dob");
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
        Page<Patient> result = jpa.call(em -> {
            List<String> tiers = name.isEmpty() ? List.of("1 = 1") : nameTiers(em, name, fuzzy, params);
            return page(em, base.toString(), tiers, params, name, page, size);
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
        return result;
    }

    /**
     * The name conditions of each rank, best first; each tier excludes the earlier ones, so a patient appears
     * once, at its best rank. Fills {@code params}.
     */
    private static List<String> nameTiers(EntityManager em, String name, boolean fuzzy, Map<String, Object> params) {
        List<String> tiers = new ArrayList<>();
        int space = name.indexOf(' ');
        params.put("nameAll", name);
        params.put("nameAllPrefix", name + "%");
        StringBuilder exact = new StringBuilder("(p.familyNameNorm = :nameAll OR p.givenNameNorm = :nameAll");
        StringBuilder prefix = new StringBuilder("(p.familyNameNorm LIKE :nameAllPrefix OR p.givenNameNorm LIKE :nameAllPrefix");
        String first = space > 0 ? name.substring(0, space) : null;
        String rest = space > 0 ? name.substring(space + 1) : null;
        if (space > 0) {
            params.put("nameFirst", first);
            params.put("nameRest", rest);
            params.put("nameFirstPrefix", first + "%");
            params.put("nameRestPrefix", rest + "%");
            exact.append(" OR (p.givenNameNorm = :nameFirst AND p.familyNameNorm = :nameRest)")
                    .append(" OR (p.familyNameNorm = :nameFirst AND p.givenNameNorm = :nameRest)");
            prefix.append(" OR (p.givenNameNorm LIKE :nameFirstPrefix AND p.familyNameNorm LIKE :nameRestPrefix)")
                    .append(" OR (p.familyNameNorm LIKE :nameFirstPrefix AND p.givenNameNorm LIKE :nameRestPrefix)");
        }
        tiers.add(exact.append(')').toString());
        tiers.add(prefix.append(')').toString());
        if (!fuzzy) {
            return tiers;
        }
        if (space < 0) {
            // One word: family or given name with 1 typo, then with 2.
            TreeMap<Integer, List<String>> family = NameMatching.typoSpellings(name, spellings(em, "family", name));
            TreeMap<Integer, List<String>> given = NameMatching.typoSpellings(name, spellings(em, "given", name));
            for (int d = 1; d <= 2; d++) {
                List<String> or = new ArrayList<>();
                inList(or, "p.familyNameNorm", "typoFamily" + d, family.get(d), params);
                inList(or, "p.givenNameNorm", "typoGiven" + d, given.get(d), params);
                if (!or.isEmpty()) {
                    tiers.add("(" + String.join(" OR ", or) + ")");
                }
            }
        } else {
            // Two parts: each part by prefix or with typos, as given + family or family + given.
            String givenFirst = part(em, "given", first, "nameFirstPrefix", "tGivenFirst", params);
            String familyRest = part(em, "family", rest, "nameRestPrefix", "tFamilyRest", params);
            String familyFirst = part(em, "family", first, "nameFirstPrefix", "tFamilyFirst", params);
            String givenRest = part(em, "given", rest, "nameRestPrefix", "tGivenRest", params);
            tiers.add("((" + givenFirst + " AND " + familyRest + ") OR (" + familyFirst + " AND " + givenRest + "))");
        }
        return tiers;
    }

    /** One part of a two-part name: a prefix of the field, or one of its typo spellings. */
    private static String part(EntityManager em, String field, String typed, String prefixParam, String listParam,
            Map<String, Object> params) {
        String column = "p." + field + "NameNorm";
        List<String> or = new ArrayList<>();
        or.add(column + " LIKE :" + prefixParam);
        List<String> typos = new ArrayList<>();
        NameMatching.typoSpellings(typed, spellings(em, field, typed)).values().forEach(typos::addAll);
        inList(or, column, listParam, typos, params);
        return "(" + String.join(" OR ", or) + ")";
    }

    private static void inList(List<String> or, String column, String param, List<String> values,
            Map<String, Object> params) {
        if (values != null && !values.isEmpty()) {
            or.add(column + " IN :" + param);
            params.put(param, values);
        }
    }

    /** Distinct stored spellings of the family or given name that sound like {@code typed} (index only). */
    private static List<String> spellings(EntityManager em, String field, String typed) {
        Set<String> keys = NameKeys.queryKeys(typed);
        if (keys.isEmpty() || typed.replace(" ", "").length() < NameMatching.MIN_TYPO_LENGTH) {
            return List.of();
        }
        return em.createQuery("SELECT DISTINCT p." + field + "NameNorm FROM PatientEntity p WHERE p." + field
                + "NamePhonetic IN :keys", String.class).setParameter("keys", keys).setMaxResults(MAX_SPELLINGS)
                .getResultList();
    }

    /** Counts each tier, then reads the page's slice from the tiers it spans. */
    private static Page<Patient> page(EntityManager em, String base, List<String> tiers, Map<String, Object> params,
            String name, int page, int size) {
        long total = 0;
        long skip = (long) page * size;
        List<PatientEntity> found = new ArrayList<>();
        StringBuilder earlier = new StringBuilder();
        for (String tier : tiers) {
            String where = base + earlier + " AND " + tier;
            long count = bind(em.createQuery("SELECT COUNT(p) FROM PatientEntity p WHERE " + where, Long.class),
                    where, params).getSingleResult();
            total += count;
            if (found.size() < size && skip < count) {
                found.addAll(bind(em.createQuery("SELECT p FROM PatientEntity p WHERE " + where + ORDER,
                        PatientEntity.class), where, params).setFirstResult((int) skip)
                        .setMaxResults(size - found.size()).getResultList());
                skip = 0;
            } else {
                skip = Math.max(0, skip - count);
            }
            earlier.append(" AND NOT ").append(tier);
        }
        Map<String, List<String>> phones = PatientService.phones(em, found.stream().map(PatientEntity::getMrn).toList());
        List<Patient> items = new ArrayList<>();
        for (PatientEntity e : found) {
            PatientMatch m = Patient.fill(new PatientMatch(), e, phones.getOrDefault(e.getMrn(), List.of()));
            if (!name.isEmpty()) {
                m.matches = matches(name, e);
            }
            items.add(m);
        }
        return new Page<>(items, page, size, total);
    }

    /** Binds only the parameters the statement uses (OpenJPA rejects unknown ones). */
    private static <T> TypedQuery<T> bind(TypedQuery<T> query, String where, Map<String, Object> params) {
        params.forEach((k, v) -> {
            if (where.matches("(?s).*:" + k + "\\b.*")) {
                query.setParameter(k, v);
            }
        });
        return query;
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
