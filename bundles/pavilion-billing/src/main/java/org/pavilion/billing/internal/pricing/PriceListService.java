package org.pavilion.billing.internal.pricing;

import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import javax.persistence.EntityExistsException;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.LockModeType;
import javax.persistence.PersistenceException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.billing.internal.BillingConfig;
import org.pavilion.billing.internal.BillingTransactions;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.AuditedTransaction;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.DeclaredConstraints;
import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.rest.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The price list: {@link PriceList} for the rest of billing, answered from an immutable {@link PriceSnapshot} in
 * memory (a charge, a DFT line, a booking's estimate never wait for the database), and the edits finance makes
 * through REST, each one transaction with its audit record ({@code bl-price}, {@code bl-tax-category}) after which the
 * snapshot is read again. Prices are never deleted: DELETE deactivates, history stays.
 *
 * <p>A code has at most one active price on any day. Every edit of a code first takes that code's row of
 * {@code bl_price_code} (created by its first edit, locked by the others), so the overlap check sees every committed
 * price of the code and two edits at once cannot both pass it; what still collides is answered 409.
 *
 * <p>The snapshot sees what was written here. A row written around this service (SQL, a test's seeding, an edit in
 * another container) is seen after the next edit or {@link #reload()}.
 */
// No @Designate: BillingConfig's own pid designates it (bnd refuses a second designate of a pid).
@Component(service = {PriceList.class, PriceListService.class}, configurationPid = BillingConfig.PID)
public class PriceListService implements PriceList {

    static final String PRICE_AUDIT = "bl-price";
    static final String TAX_AUDIT = "bl-tax-category";
    private static final Logger LOG = LoggerFactory.getLogger(PriceListService.class);

    /** The currency prices are in and the zone of "today" (a quote without a day). */
    public record Settings(String currency, ZoneId zone) {

        public static Settings of(BillingConfig config) {
            String zone = config.zone() == null ? "" : config.zone().strip();
            return new Settings(config.currency().strip().toUpperCase(Locale.ROOT),
                    zone.isEmpty() ? ZoneId.systemDefault() : ZoneId.of(zone));
        }
    }

    private final EntityManagerFactory emf;
    private final JpaTransactions jpa;
    private final AuditService audit;
    private final DeclaredConstraints constraints;
    private volatile Settings settings;
    private volatile PriceSnapshot snapshot = PriceSnapshot.EMPTY;

    @Activate
    public PriceListService(@Reference(target = "(osgi.unit.name=pavilion-billing)") EntityManagerFactory emf,
            @Reference AuditService audit, BillingConfig config, @Reference DeclaredConstraints constraints) {
        this(emf, audit, Settings.of(config), constraints);
    }

    /** For tests on BillingDatabase. */
    PriceListService(EntityManagerFactory emf, AuditService audit, Settings settings,
            DeclaredConstraints constraints) {
        this.emf = emf;
        this.jpa = new JpaTransactions(emf);
        this.audit = audit;
        this.constraints = constraints;
        this.settings = settings;
        reload();
    }

    @Modified
    void modified(BillingConfig config) {
        settings = Settings.of(config);
    }

    /**
     * Reads the whole list again. Called after every edit; serialised, so the last reload to run has read every
     * commit made before it started and an older read never replaces a newer one.
     */
    public synchronized void reload() {
        snapshot = jpa.call(PriceSnapshot::load);
    }

    /** The hospital's business day now. */
    public LocalDate today() {
        return LocalDate.now(settings.zone());
    }

    public String currency() {
        return settings.currency();
    }

    // --- PriceList: from memory ---

    @Override
    public Optional<Price> priceOf(String code, LocalDate day) {
        PriceSnapshot s = snapshot;
        return s.price(code, day).flatMap(r -> priced(s, r));
    }

    @Override
    public Optional<Price> consultation(String doctorId, String specialty, String serviceCode, LocalDate day) {
        PriceSnapshot s = snapshot;
        return s.consultation(doctorId, specialty, serviceCode, day).flatMap(r -> priced(s, r));
    }

    private Optional<Price> priced(PriceSnapshot s, PriceSnapshot.Row r) {
        Optional<PriceSnapshot.Tax> tax = s.tax(r.taxCategory());
        if (tax.isEmpty()) {
            // only a row written around this service can name a missing category: no rate, no price
            LOG.warn("Price {} ({}) names tax category {}, which does not exist: not priced", r.code(), r.id(),
                    r.taxCategory());
            return Optional.empty();
        }
        return Optional.of(new Price(r.code(), r.name(), r.category(), PriceList.departmentOf(r.category()),
                r.unitPrice(), r.taxCategory(), tax.get().rate(), settings.currency()));
    }

    // --- reads for REST: from memory ---

    public List<TaxCategoryDto> taxCategories() {
        return snapshot.taxes().stream().map(PriceListService::dto).toList();
    }

    /**
     * Prices by code and start; {@code q} a part of the code or name (any case), {@code on} valid (and active) that
     * day, {@code active} true or false; filters left blank do not filter.
     */
    public Page<PriceDto> list(String q, String category, String on, String active, int page, int size) {
        Page.validate(page, size);
        String text = q == null || q.isBlank() ? null : q.strip().toLowerCase(Locale.ROOT);
        String cat = PriceRules.upper(category);
        if (cat != null && !PriceCategory.ALL.contains(cat)) {
            throw ProblemException.validation("category must be one of " + PriceCategory.NAMES + " (was '"
                    + category.strip() + "')");
        }
        LocalDate day = PriceRules.queryDay("on", on, null);
        Boolean flag = flag(active);
        List<PriceSnapshot.Row> found = snapshot.all().stream()
                .filter(r -> text == null || r.code().toLowerCase(Locale.ROOT).contains(text)
                        || r.name().toLowerCase(Locale.ROOT).contains(text))
                .filter(r -> cat == null || cat.equals(r.category()))
                .filter(r -> day == null || r.validOn(day))
                .filter(r -> flag == null || flag == r.active())
                .toList();
        List<PriceDto> items = found.stream().skip((long) page * size).limit(size).map(this::dto).toList();
        return new Page<>(items, page, size, found.size());
    }

    public PriceDto get(String id) {
        return snapshot.byId(id).map(this::dto).orElseThrow(() -> ProblemException.notFound("Price", id));
    }

    /** What {@code code} costs on {@code on} (today when blank); 404 when it has no price then. */
    public QuoteDto quote(String code, String on) {
        if (code == null || code.isBlank()) {
            throw ProblemException.validation("code is required");
        }
        LocalDate day = PriceRules.queryDay("on", on, today());
        return priceOf(code, day).map(QuoteDto::of).orElseThrow(() -> new ProblemException(404, "not-found",
                "Price not found", "No price of " + code.strip() + " on " + day));
    }

    // --- edits: one transaction each, then the snapshot is read again ---

    /** Creates the tax category, or replaces it when {@code in.version} is the stored one; 409 otherwise. */
    public TaxCategoryDto putTaxCategory(String code, TaxCategoryDto in) {
        PriceRules.Tax t = PriceRules.tax(code, in, constraints);
        write("Tax category " + t.code(), em -> {
            TaxCategoryEntity stored = em.find(TaxCategoryEntity.class, t.code(), LockModeType.PESSIMISTIC_WRITE);
            String action = "UPDATE";
            if (stored == null) {
                stored = new TaxCategoryEntity();
                stored.setCode(t.code());
                action = "CREATE";
            } else if (t.version() == null) {
                throw ProblemException.conflict("Tax category " + t.code() + " exists: send its version to replace it");
            } else if (t.version() != stored.getVersion()) {
                throw changedMeanwhile("Tax category " + t.code());
            }
            stored.setName(t.name());
            stored.setRate(t.rate());
            if ("CREATE".equals(action)) {
                em.persist(stored);
            }
            return AuditedTransaction.Done.of(t.code(), AuditEvent.of(action, TAX_AUDIT).resourceId(t.code())
                    .detail("rate " + PriceSnapshot.rateText(t.rate())).build());
        });
        return snapshot.tax(t.code()).map(PriceListService::dto).orElseThrow();
    }

    /** A new price of a code (201); 409 when its validity overlaps an active price of the code. */
    public PriceDto create(PriceDto in) {
        PriceRules.Definition d = PriceRules.price(in, constraints);
        if (in.id != null && !in.id.isBlank()) {
            throw ProblemException.unprocessable("id is given by the server: send a new price without one");
        }
        String id = UUID.randomUUID().toString();
        boolean active = d.active() == null || d.active();
        write("Price " + d.code(), em -> {
            requireTaxCategory(em, d.taxCategory());
            lockCode(em, d.code());
            checkValidity(em, d, id, active);
            PriceEntity p = new PriceEntity();
            p.setId(id);
            d.copyTo(p);
            p.setActive(active);
            em.persist(p);
            return AuditedTransaction.Done.of(id, record("CREATE", p));
        });
        return get(id);
    }

    /**
     * Replaces the price {@code id} (its code stays; {@code in.version} must be the stored one, else 409), e.g. ends
     * it with a {@code validTo} so that a new price of the code may start after it.
     */
    public PriceDto replace(String id, PriceDto in) {
        PriceRules.Definition d = PriceRules.price(in, constraints);
        if (in.id != null && !in.id.isBlank() && !in.id.strip().equals(id)) {
            throw ProblemException.unprocessable("id '" + in.id.strip() + "' is not the id of the address (" + id + ")");
        }
        if (d.version() == null) {
            throw ProblemException.conflict("Price " + id + " exists: send its version to replace it");
        }
        write("Price " + id, em -> {
            PriceEntity p = lockedPrice(em, id);
            if (!p.getCode().equalsIgnoreCase(d.code())) {
                throw ProblemException.unprocessable("a price keeps its code (" + p.getCode() + "): create a price of "
                        + d.code() + " instead");
            }
            requireTaxCategory(em, d.taxCategory());
            if (p.getVersion() != d.version()) {
                throw changedMeanwhile("Price " + id);
            }
            boolean active = d.active() == null ? p.isActive() : d.active();
            checkValidity(em, d, id, active);
            String code = p.getCode();
            d.copyTo(p);
            p.setCode(code);
            p.setActive(active);
            return AuditedTransaction.Done.of(id, record("UPDATE", p));
        });
        return get(id);
    }

    /** Deactivates the price: no longer charged, kept for history. Inactive already: unchanged. */
    public PriceDto deactivate(String id) {
        write("Price " + id, em -> {
            PriceEntity p = lockedPrice(em, id);
            if (!p.isActive()) {
                return new AuditedTransaction.Done<>(id, List.of());
            }
            p.setActive(false);
            return AuditedTransaction.Done.of(id, record("DELETE", p));
        });
        return get(id);
    }

    private <T> T write(String what, Function<EntityManager, AuditedTransaction.Done<T>> work) {
        try {
            return BillingTransactions.run(emf, audit, what, work);
        } catch (PersistenceException e) {
            // a concurrent first edit of the same code (or tax category) inserted its row first
            if (isUniqueViolation(e)) {
                throw changedMeanwhile(what);
            }
            throw e;
        } finally {
            reload();
        }
    }

    /** The code's lock row, held (SELECT ... FOR UPDATE) until the transaction ends; created by a code's first edit. */
    private static void lockCode(EntityManager em, String code) {
        PriceCodeEntity lock = em.find(PriceCodeEntity.class, code, LockModeType.PESSIMISTIC_WRITE);
        if (lock == null) {
            lock = new PriceCodeEntity();
            lock.setCode(code);
            em.persist(lock);
            // inserted now, so that a concurrent first edit of the code waits on it (and then fails: 409)
            em.flush();
        }
    }

    /** At most one active price of a code on a day, and one row per code and start (the table's unique key). */
    private static void checkValidity(EntityManager em, PriceRules.Definition d, String id, boolean active) {
        List<PriceEntity> ofCode = em.createQuery("SELECT p FROM PriceEntity p WHERE UPPER(p.code) = :c",
                PriceEntity.class).setParameter("c", d.code()).getResultList();
        for (PriceEntity other : ofCode) {
            if (other.getId().equals(id)) {
                continue;
            }
            PriceSnapshot.Row o = PriceSnapshot.Row.of(other);
            if (o.validFrom().equals(d.validFrom())) {
                throw ProblemException.conflict(d.code() + " has a price from " + o.validFrom() + " already (" + o.id()
                        + (o.active() ? "" : ", inactive") + "): change that one");
            }
            if (active && o.active() && o.overlaps(d.validFrom(), d.validTo())) {
                throw ProblemException.conflict(d.code() + " has an active price valid " + o.validFrom() + " to "
                        + (o.validTo() == null ? "open end" : o.validTo()) + " (" + o.id() + "), which overlaps "
                        + d.validFrom() + " to " + (d.validTo() == null ? "open end" : d.validTo())
                        + ": end or deactivate it first");
            }
        }
    }

    private static void requireTaxCategory(EntityManager em, String code) {
        if (em.find(TaxCategoryEntity.class, code) == null) {
            throw ProblemException.unprocessable("taxCategory " + code + " does not exist");
        }
    }

    /**
     * The price {@code id} read after its code's lock is taken: its code first (a plain value, codes never change),
     * then the row itself, so what is checked is what the previous editor of the code committed.
     */
    private static PriceEntity lockedPrice(EntityManager em, String id) {
        List<String> code = id == null ? List.of() : em.createQuery("SELECT p.code FROM PriceEntity p WHERE p.id = :id",
                String.class).setParameter("id", id).getResultList();
        if (code.isEmpty()) {
            throw ProblemException.notFound("Price", id);
        }
        lockCode(em, code.get(0));
        return em.find(PriceEntity.class, id);
    }

    private static AuditEvent record(String action, PriceEntity p) {
        return AuditEvent.of(action, PRICE_AUDIT).resourceId(p.getId()).detail(p.getCode() + " " + p.getUnitPrice()
                .toPlainString() + " " + p.getTaxCategory() + " from " + p.getValidFrom() + (p.getValidTo() == null
                ? "" : " to " + p.getValidTo()) + (p.isActive() ? "" : " (inactive)")).build();
    }

    private static ProblemException changedMeanwhile(String what) {
        return ProblemException.conflict(what + " was changed by someone else meanwhile: reload it");
    }

    static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof EntityExistsException) {
                return true;
            }
            if (t instanceof SQLException s && "23505".equals(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** {@code ?active=}: blank both, else true or false (400 for anything else). */
    private static Boolean flag(String active) {
        if (active == null || active.isBlank()) {
            return null;
        }
        return switch (active.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw ProblemException.validation("active must be true or false (was '" + active.strip() + "')");
        };
    }

    private PriceDto dto(PriceSnapshot.Row r) {
        PriceDto d = new PriceDto();
        d.id = r.id();
        d.code = r.code();
        d.name = r.name();
        d.category = r.category();
        d.doctorId = r.doctorId();
        d.specialty = r.specialty();
        d.serviceCode = r.serviceCode();
        d.unitPrice = PriceSnapshot.priceText(r.unitPrice(), settings.currency());
        d.taxCategory = r.taxCategory();
        d.validFrom = r.validFrom().toString();
        d.validTo = r.validTo() == null ? null : r.validTo().toString();
        d.active = r.active();
        d.version = r.version();
        return d;
    }

    private static TaxCategoryDto dto(PriceSnapshot.Tax t) {
        TaxCategoryDto d = new TaxCategoryDto();
        d.code = t.code();
        d.name = t.name();
        d.rate = PriceSnapshot.rateText(t.rate());
        d.version = t.version();
        return d;
    }
}
