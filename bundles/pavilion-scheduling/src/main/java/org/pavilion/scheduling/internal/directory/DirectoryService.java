package org.pavilion.scheduling.internal.directory;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.validation.groups.Default;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.AuditedTransaction.Done;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.DeclaredConstraints;
import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.scheduling.api.VisitCostEstimator;
import org.pavilion.scheduling.internal.FitsColumn;
import org.pavilion.scheduling.internal.Inputs;
import org.pavilion.scheduling.internal.directory.DirectoryDtos.DoctorInput;
import org.pavilion.scheduling.internal.directory.DirectoryDtos.DoctorProfile;
import org.pavilion.scheduling.internal.directory.DirectoryDtos.DoctorSummary;
import org.pavilion.scheduling.internal.directory.DirectoryDtos.Fee;
import org.pavilion.scheduling.internal.directory.DirectoryDtos.OfferedService;
import org.pavilion.scheduling.internal.directory.DirectoryDtos.Photo;
import org.pavilion.scheduling.internal.schedule.ScheduleSnapshots;
import org.pavilion.scheduling.internal.schedule.SlotEngine;
import org.pavilion.scheduling.internal.schedule.SlotView;
import org.pavilion.scheduling.internal.schedule.Snapshot;
import org.pavilion.scheduling.internal.schedule.Snapshot.DoctorInfo;
import org.pavilion.scheduling.internal.schedule.Snapshot.ServiceInfo;

/**
 * The service catalogue and the doctors' directory. Reads come from the schedule snapshot (public, no patient data);
 * writes go to the database and renew the snapshot. The consultation fee comes from billing's
 * {@link VisitCostEstimator} while one is registered. A body's own rules are the ones {@link DirectoryDtos} declares,
 * checked once the caller may write (every broken field in one 400); what needs the database is checked after.
 */
@Component(service = DirectoryService.class)
public class DirectoryService {

    static final String EDIT = "scheduling.doctor.edit";
    static final String EDIT_OWN = "scheduling.doctor.edit-own";
    /** How far ahead the directory looks for a doctor's next free slots. */
    static final int NEXT_FREE_DAYS = 28;
    static final int NEXT_FREE_COUNT = 3;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JpaTransactions jpa;
    private final AuditService audit;
    private final ScheduleSnapshots snapshots;
    private final SlotEngine slots;
    private final DeclaredConstraints constraints;

    /** Billing's price list while it is installed; no fee shown otherwise. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile VisitCostEstimator estimator;

    @Activate
    public DirectoryService(@Reference(target = "(osgi.unit.name=pavilion-scheduling)") EntityManagerFactory emf,
            @Reference AuditService audit, @Reference ScheduleSnapshots snapshots, @Reference SlotEngine slots,
            @Reference DeclaredConstraints constraints) {
        this(emf, audit, snapshots, slots, constraints, null);
    }

    DirectoryService(EntityManagerFactory emf, AuditService audit, ScheduleSnapshots snapshots, SlotEngine slots,
            DeclaredConstraints constraints, VisitCostEstimator estimator) {
        this.jpa = new JpaTransactions(emf);
        this.audit = audit;
        this.snapshots = snapshots;
        this.slots = slots;
        this.constraints = constraints;
        this.estimator = estimator;
    }

    // ---- services

    /** The active services, by code. */
    public List<DirectoryDtos.Service> services() {
        List<DirectoryDtos.Service> list = new ArrayList<>();
        for (ServiceInfo s : snapshots.current().services().values()) {
            if (s.active()) {
                DirectoryDtos.Service v = view(s);
                v.active = null;
                list.add(v);
            }
        }
        return list;
    }

    public DirectoryDtos.Service createService(DirectoryDtos.Service in) {
        constraints.check(in, Default.class, DirectoryDtos.Service.New.class);
        ServiceEntity e = new ServiceEntity();
        e.setCode(in.code.strip());
        applyService(e, in);
        jpa.runAudited(audit, AuditEvent.of("CREATE", "service").resourceId(e.getCode()).build(), em -> {
            if (em.find(ServiceEntity.class, e.getCode()) != null) {
                throw ProblemException.conflict("Service " + e.getCode() + " exists already");
            }
            em.persist(e);
        });
        return serviceChanged(e);
    }

    public DirectoryDtos.Service updateService(String code, DirectoryDtos.Service in) {
        if (in != null && in.code != null && !in.code.strip().equals(code)) {
            throw ProblemException.validation("The code of a service cannot change (path " + code + ", body " + in.code + ")");
        }
        constraints.check(in);
        ServiceEntity saved = jpa.callAudited(audit, em -> {
            ServiceEntity e = em.find(ServiceEntity.class, code);
            if (e == null) {
                throw ProblemException.notFound("Service", code);
            }
            applyService(e, in);
            return Done.of(e, AuditEvent.of("UPDATE", "service").resourceId(code).build());
        });
        return serviceChanged(saved);
    }

    private DirectoryDtos.Service serviceChanged(ServiceEntity e) {
        snapshots.changed();
        return view(new ServiceInfo(e.getCode(), e.getName(), e.getSpecialty(), e.getSlotMinutes(),
                ScheduleSnapshots.splitList(e.getVisitTypes()), e.isActive()));
    }

    /** Puts a service body whose declared rules held onto {@code e}. */
    private static void applyService(ServiceEntity e, DirectoryDtos.Service in) {
        e.setName(in.name.strip());
        e.setSpecialty(Inputs.blankToNull(in.specialty));
        e.setSlotMinutes(in.slotMinutes);
        Set<String> types = new LinkedHashSet<>();
        for (String t : in.visitTypes) {
            types.add(t.strip().toUpperCase(Locale.ROOT));
        }
        e.setVisitTypes(String.join(",", types));
        e.setActive(in.active == null || in.active);
    }

    // ---- doctors

    /** The active doctors matching every given filter, by name, each with their next free slots. */
    public Page<DoctorSummary> doctors(String specialty, String service, String language, String name, int page,
            int size) {
        Page.validate(page, size);
        Snapshot snap = snapshots.current();
        List<DoctorInfo> matching = new ArrayList<>();
        for (DoctorInfo d : snap.doctors().values()) {
            if (d.active() && matches(d, specialty, service, language, name)) {
                matching.add(d);
            }
        }
        int from = Math.min(matching.size(), page * size);
        List<DoctorInfo> onPage = matching.subList(from, Math.min(matching.size(), from + size));
        Map<String, List<SlotView>> next = nextFree(onPage.stream().map(DoctorInfo::id).toList());
        List<DoctorSummary> items = new ArrayList<>();
        for (DoctorInfo d : onPage) {
            DoctorSummary s = fill(new DoctorSummary(), snap, d);
            s.nextFreeSlots = next.getOrDefault(d.id(), List.of());
            items.add(s);
        }
        return new Page<>(items, page, size, matching.size());
    }

    /** One active doctor's public profile; 404 for an unknown or inactive one. */
    public DoctorProfile doctor(String id) {
        Snapshot snap = snapshots.current();
        DoctorInfo d = id == null ? null : snap.doctors().get(id);
        if (d == null || !d.active()) {
            throw ProblemException.notFound("Doctor", id);
        }
        return profile(snap, d);
    }

    public DoctorProfile createDoctor(DoctorInput in) {
        requireStaffEditor("CREATE", null);
        constraints.check(in);
        String id = UUID.randomUUID().toString();
        long now = System.currentTimeMillis();
        jpa.runAudited(audit, AuditEvent.of("CREATE", "doctor").resourceId(id).build(), em -> {
            DoctorEntity d = new DoctorEntity();
            d.setId(id);
            d.setCreatedMs(now);
            d.setActive(true);
            apply(em, d, in, true);
            d.setUpdatedMs(now);
            em.persist(d);
            replaceLists(em, id, in);
        });
        return doctorChanged(id);
    }

    /**
     * Staff with {@code scheduling.doctor.edit} edit any profile; a doctor with {@code scheduling.doctor.edit-own}
     * edits the profile linked to their username, but not its link or active flag.
     */
    public DoctorProfile updateDoctor(String id, DoctorInput in) {
        DoctorEntity existing = jpa.call(em -> em.find(DoctorEntity.class, id));
        if (existing == null) {
            throw ProblemException.notFound("Doctor", id);
        }
        boolean staff = requireEditor(existing, "UPDATE");
        if (!staff && in != null && ((in.username != null && !in.username.strip().equals(existing.getUsername()))
                || (in.active != null && in.active != existing.isActive()))) {
            deny("UPDATE", id, "a doctor may not change the link to their account or their active flag");
        }
        constraints.check(in);
        jpa.runAudited(audit, AuditEvent.of("UPDATE", "doctor").resourceId(id).build(), em -> {
            DoctorEntity d = em.find(DoctorEntity.class, id);
            if (!staff) {
                in.username = d.getUsername();
            }
            apply(em, d, in, staff);
            d.setUpdatedMs(System.currentTimeMillis());
            replaceLists(em, id, in);
        });
        return doctorChanged(id);
    }

    public Photo photo(String doctorId) {
        doctor(doctorId);
        Photo p = jpa.call(em -> {
            try (Connection c = JpaTransactions.connection(em)) {
                return DoctorPhotos.get(c, doctorId);
            } catch (SQLException e) {
                throw new IllegalStateException("Could not read the photo of doctor " + doctorId, e);
            }
        });
        if (p == null) {
            throw new ProblemException(404, "not-found", "Photo not found", "Doctor " + doctorId + " has no photo");
        }
        return p;
    }

    public void putPhoto(String doctorId, String contentType, byte[] content) {
        DoctorEntity existing = jpa.call(em -> em.find(DoctorEntity.class, doctorId));
        if (existing == null) {
            throw ProblemException.notFound("Doctor", doctorId);
        }
        requireEditor(existing, "UPDATE");
        String type = DoctorPhotos.check(contentType, content);
        jpa.runAudited(audit, AuditEvent.of("UPDATE", "doctor").resourceId(doctorId).detail("photo " + type + ", "
                + content.length + " bytes").build(), em -> {
            try (Connection c = JpaTransactions.connection(em)) {
                DoctorPhotos.put(c, doctorId, type, content, System.currentTimeMillis());
            } catch (SQLException e) {
                throw new IllegalStateException("Could not store the photo of doctor " + doctorId, e);
            }
        });
        snapshots.changed();
    }

    private DoctorProfile doctorChanged(String id) {
        snapshots.changed();
        Snapshot snap = snapshots.current();
        return profile(snap, snap.doctors().get(id));
    }

    private DoctorProfile profile(Snapshot snap, DoctorInfo d) {
        DoctorProfile p = fill(new DoctorProfile(), snap, d);
        p.biography = d.biography();
        p.education = fromJson(d.education());
        p.achievements = fromJson(d.achievements());
        p.active = d.active();
        p.nextFreeSlots = d.active() ? nextFree(List.of(d.id())).getOrDefault(d.id(), List.of()) : List.of();
        return p;
    }

    private <T extends DoctorSummary> T fill(T s, Snapshot snap, DoctorInfo d) {
        s.id = d.id();
        s.displayName = d.displayName();
        s.title = d.title();
        s.specialties = d.specialties();
        s.languages = d.languages();
        s.services = new ArrayList<>();
        for (Map.Entry<String, Integer> e : d.services().entrySet()) {
            ServiceInfo service = snap.services().get(e.getKey());
            if (service != null && service.active()) {
                OfferedService o = new OfferedService(service.code(), d.slotMinutes(service));
                o.name = service.name();
                o.visitTypes = service.visitTypes();
                s.services.add(o);
            }
        }
        s.ratingCount = d.ratingCount();
        s.averageRating = d.ratingCount() == 0 ? null
                : BigDecimal.valueOf(d.ratingSum()).divide(BigDecimal.valueOf(d.ratingCount()), 1, RoundingMode.HALF_UP)
                        .doubleValue();
        s.photoUrl = d.hasPhoto() ? "/api/v1/scheduling/doctors/" + d.id() + "/photo" : null;
        s.consultationFee = fee(d, s.services.isEmpty() ? null : s.services.get(0), snap);
        return s;
    }

    private Fee fee(DoctorInfo d, OfferedService first, Snapshot snap) {
        VisitCostEstimator e = estimator;
        if (e == null || first == null) {
            return null;
        }
        ServiceInfo service = snap.services().get(first.code);
        String specialty = service.specialty() != null ? service.specialty()
                : d.specialties().isEmpty() ? null : d.specialties().get(0);
        try {
            Optional<VisitCostEstimator.Estimate> estimate = e.consultationFee(new VisitCostEstimator.Visit(null,
                    d.id(), specialty, service.code(), service.visitTypes().isEmpty() ? null : service.visitTypes().get(0),
                    LocalDate.now(slots.zone())));
            return estimate.map(x -> new Fee(x.total(), x.currency())).orElse(null);
        } catch (RuntimeException failure) {
            // The price list is billing's business: the directory still answers, without a fee.
            return null;
        }
    }

    private Map<String, List<SlotView>> nextFree(List<String> doctorIds) {
        Map<String, List<SlotView>> views = new LinkedHashMap<>();
        slots.nextFree(doctorIds, NEXT_FREE_COUNT, NEXT_FREE_DAYS).forEach((id, list) -> views.put(id,
                list.stream().map(s -> SlotView.of(s, slots.zone())).toList()));
        return views;
    }

    private static boolean matches(DoctorInfo d, String specialty, String service, String language, String name) {
        if (specialty != null && !specialty.isBlank()
                && d.specialties().stream().noneMatch(s -> s.equalsIgnoreCase(specialty.strip()))) {
            return false;
        }
        if (service != null && !service.isBlank() && !d.services().containsKey(service.strip())) {
            return false;
        }
        if (language != null && !language.isBlank()
                && d.languages().stream().noneMatch(l -> SlotEngine.languageMatches(l, language))) {
            return false;
        }
        return name == null || name.isBlank()
                || d.displayName().toLowerCase(Locale.ROOT).contains(name.strip().toLowerCase(Locale.ROOT));
    }

    // ---- who may edit

    private void requireStaffEditor(String action, String doctorId) {
        Caller caller = caller();
        if (!caller.hasPrivilege(EDIT)) {
            deny(action, doctorId, "This needs the privilege " + EDIT);
        }
    }

    /** True for staff (any profile); false for the doctor editing their own; 403 otherwise. */
    private boolean requireEditor(DoctorEntity d, String action) {
        Caller caller = caller();
        if (caller.hasPrivilege(EDIT)) {
            return true;
        }
        if (caller.hasPrivilege(EDIT_OWN) && d.getUsername() != null && d.getUsername().equals(caller.username())) {
            return false;
        }
        deny(action, d.getId(), caller.hasPrivilege(EDIT_OWN) ? "a doctor edits their own profile only"
                : "This needs the privilege " + EDIT + " (or " + EDIT_OWN + " for one's own profile)");
        return false;
    }

    private static Caller caller() {
        return CallerContext.current().orElseThrow(() -> new ProblemException(401, "unauthorized", "Unauthorized",
                "Authentication required: log in at /api/v1/auth/login"));
    }

    private void deny(String action, String doctorId, String reason) {
        audit.record(AuditEvent.of(action, "doctor").resourceId(doctorId).outcome(AuditOutcome.DENIED).detail(reason)
                .build());
        throw ProblemException.forbidden(reason);
    }

    // ---- writing a profile

    /** Puts a doctor body whose declared rules held onto {@code d}, once its username and services check out. */
    private static void apply(EntityManager em, DoctorEntity d, DoctorInput in, boolean mayLink) {
        d.setDisplayName(in.displayName.strip());
        d.setTitle(Inputs.blankToNull(in.title));
        d.setBiography(Inputs.blankToNull(in.biography));
        d.setEducation(FitsColumn.Stored.JSON.of(in.education));
        d.setAchievements(FitsColumn.Stored.JSON.of(in.achievements));
        if (mayLink) {
            String username = Inputs.blankToNull(in.username);
            if (username != null) {
                List<String> taken = em.createQuery("SELECT d.id FROM DoctorEntity d WHERE d.username = :u AND d.id <> :id",
                        String.class).setParameter("u", username).setParameter("id", d.getId()).getResultList();
                if (!taken.isEmpty()) {
                    throw ProblemException.conflict("User " + username + " is linked to another doctor already");
                }
            }
            d.setUsername(username);
            if (in.active != null) {
                d.setActive(in.active);
            }
        }
        for (OfferedService o : in.services == null ? List.<OfferedService>of() : in.services) {
            if (em.find(ServiceEntity.class, o.code.strip()) == null) {
                throw ProblemException.validation("Unknown service " + o.code.strip());
            }
        }
    }

    private static void replaceLists(EntityManager em, String id, DoctorInput in) {
        for (String entity : List.of("DoctorSpecialtyEntity", "DoctorLanguageEntity", "DoctorServiceEntity")) {
            em.createQuery("DELETE FROM " + entity + " e WHERE e.doctorId = :d").setParameter("d", id).executeUpdate();
        }
        for (String s : new LinkedHashSet<>(Inputs.texts(in.specialties))) {
            DoctorSpecialtyEntity e = new DoctorSpecialtyEntity();
            e.setDoctorId(id);
            e.setSpecialty(s);
            em.persist(e);
        }
        Set<String> languages = new LinkedHashSet<>();
        Inputs.texts(in.languages).forEach(l -> languages.add(LanguageTag.Check.canonical(l)));
        for (String l : languages) {
            DoctorLanguageEntity e = new DoctorLanguageEntity();
            e.setDoctorId(id);
            e.setLanguage(l);
            em.persist(e);
        }
        Set<String> seen = new LinkedHashSet<>();
        for (OfferedService o : in.services == null ? List.<OfferedService>of() : in.services) {
            if (seen.add(o.code.strip())) {
                DoctorServiceEntity e = new DoctorServiceEntity();
                e.setDoctorId(id);
                e.setServiceCode(o.code.strip());
                e.setSlotMinutes(o.slotMinutes);
                em.persist(e);
            }
        }
    }

    private static List<String> fromJson(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            return List.of(json);
        }
    }

    private static DirectoryDtos.Service view(ServiceInfo s) {
        DirectoryDtos.Service v = new DirectoryDtos.Service();
        v.code = s.code();
        v.name = s.name();
        v.specialty = s.specialty();
        v.slotMinutes = s.slotMinutes();
        v.visitTypes = s.visitTypes();
        v.active = s.active();
        return v;
    }
}
