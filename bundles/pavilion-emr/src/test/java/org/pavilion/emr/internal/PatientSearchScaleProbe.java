package org.pavilion.emr.internal;

import java.lang.annotation.Annotation;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import org.junit.Assume;
import org.junit.Test;
import org.pavilion.core.api.persistence.JpaTransactions;

/**
 * Not a test: a profiling probe of PatientFinder at scale, run only with -Dpavilion.search.probe=N (patients).
 * Loads N synthetic patients with the benchmark's name distribution (PatientSearchBenchmark) into the unit
 * database and prints p50/p95 per search kind, single client, plus EXPLAIN of one search's statements when
 * -Dpavilion.search.explain=true.
 */
public class PatientSearchScaleProbe {

    static final String[] FAMILY = ("Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez "
            + "Hernandez Lopez Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White "
            + "Harris Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill "
            + "Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Gomez Phillips Evans "
            + "Turner Diaz Parker Cruz Edwards Collins Reyes Stewart Morris Morales Murphy Cook Rogers Gutierrez "
            + "Ortiz Morgan Cooper Peterson Bailey Reed Kelly Howard Ramos Kim Cox Ward Richardson Watson Brooks "
            + "Chavez Wood James Bennett Gray Mendoza Ruiz Hughes Price Alvarez Castillo Sanders Patel Myers Long "
            + "Ross Foster Jimenez Powell Jenkins Perry Russell Sullivan Bell Coleman Butler Henderson Barnes "
            + "Gonzales Fisher Vasquez Simmons Romero Jordan Patterson Alexander Hamilton Graham Reynolds Griffin "
            + "Wallace Moreno West Cole Hayes Bryant Herrera Gibson Ellis Tran Medina Aguilar Stevens Murray Ford "
            + "Castro Marshall Owens Harrison Fernandez McDonald Woods Washington Kennedy Wells Vargas Henry Chen "
            + "Freeman Webb Tucker Guzman Burns Crawford Olson Simpson Porter Hunter Gordon Mendez Silva Shaw Snyder "
            + "Mason Dixon Munoz Hunt Hicks Holmes Palmer Wagner Black Robertson Boyd Rose Stone Salazar Fox Warren "
            + "Mills Meyer Rice Schmidt Garza Daniels Ferguson Nichols Stephens Soto Weaver Ryan Gardner Payne Grant "
            + "Dunn Kelley Spencer Hawkins Arnold Pierce Vazquez Hansen Peters Santos Hart Bradley Knight Elliott "
            + "Cunningham Duncan Armstrong Hudson Carroll Lane Riley Andrews Alvarado Ray Delgado Berry Perkins "
            + "Hoffman Johnston Matthews Pena Richards Contreras Willis Carpenter Lawrence Sandoval Kowalski Nowak "
            + "Muller Schneider Fischer Weber Rossi Russo Ferrari Esposito Bianchi Dubois Durand Leroy Moreau Okafor "
            + "Okonkwo Adeyemi Mensah Haddad Khan Ali Ahmed Singh Kumar Sharma Yamamoto Tanaka Suzuki Wang Zhang Liu")
            .split(" ");
    static final String[] GIVEN = ("James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William "
            + "Barbara Richard Susan Joseph Jessica Thomas Sarah Charles Karen Christopher Lisa Daniel Nancy Matthew "
            + "Betty Anthony Margaret Mark Sandra Donald Ashley Steven Kimberly Paul Emily Andrew Donna Joshua "
            + "Michelle Kenneth Carol Kevin Amanda Brian Dorothy George Melissa Timothy Deborah Ronald Stephanie "
            + "Edward Rebecca Jason Sharon Jeffrey Laura Ryan Cynthia Jacob Kathleen Gary Amy Nicholas Angela Eric "
            + "Shirley Jonathan Anna Stephen Brenda Larry Pamela Justin Emma Scott Nicole Brandon Helen Benjamin "
            + "Samantha Samuel Katherine Gregory Christine Alexander Debra Frank Rachel Patrick Carolyn Raymond "
            + "Janet Jack Catherine Dennis Maria Jerry Heather Tyler Diane Aaron Ruth Jose Julie Adam Olivia Nathan "
            + "Joyce Henry Virginia Douglas Victoria Zachary Kelly Peter Lauren Kyle Christina Ethan Joan Walter "
            + "Evelyn Noah Judith Jeremy Megan Christian Andrea Keith Cheryl Roger Hannah Terry Jacqueline Gerald "
            + "Martha Harold Gloria Sean Teresa Austin Ann Carl Sara Arthur Madison Lawrence Frances Dylan Kathryn "
            + "Jesse Janice Jordan Jean Bryan Abigail Billy Alice Joe Judy Bruce Sophia Gabriel Grace Logan Denise "
            + "Albert Amber Willie Doris Alan Marilyn Juan Danielle Wayne Beverly Elijah Isabella Randy Theresa Roy "
            + "Diana Vincent Natalie Ralph Brittany Eugene Charlotte Russell Marie Bobby Kayla Mason Alexis Philip "
            + "Lori Louis Ahmed Fatima Wei Mei Hiroshi Yuki Olusegun Chiamaka Priya Arjun Sofia Lucas Mateo Lucia")
            .split(" ");
    private static final String[] SYLLABLES = ("ka lo mi ran der sto vel ban ti mor gan rei sha zu pel dor "
            + "wen fa bri cal ho nus tam ver lin ost ek ach berg mann sen ski").split(" ");

    private final double[] familyCdf = zipfCdf(FAMILY.length, 1.0);
    private final double[] givenCdf = zipfCdf(GIVEN.length, 0.9);

    @Test
    public void probe() throws Exception {
        int n = Integer.getInteger("pavilion.search.probe", 0);
        Assume.assumeTrue(n > 0);
        int searches = Integer.getInteger("pavilion.search.probe.searches", 300);
        try (EmrDatabase db = new EmrDatabase()) {
            JpaTransactions jpa = new JpaTransactions(db.emf);
            Random random = new Random(42);
            LocalDate oldest = LocalDate.of(1926, 1, 1);
            long t0 = System.nanoTime();
            for (int start = 0; start < n; start += 10_000) {
                List<PatientEntity> rows = new ArrayList<>();
                for (int i = start; i < Math.min(n, start + 10_000); i++) {
                    String family = random.nextInt(3) == 0 ? tailName(random) : pick(FAMILY, familyCdf, random);
                    PatientEntity e = new PatientEntity();
                    e.setMrn(String.format("%010d", i + 1));
                    e.setGivenName(pick(GIVEN, givenCdf, random));
                    e.setFamilyName(family);
                    e.setGivenNameNorm(Names.normalise(e.getGivenName()));
                    e.setFamilyNameNorm(Names.normalise(family));
                    e.setSex(random.nextBoolean() ? "FEMALE" : "MALE");
                    e.setBirthDate(oldest.plusDays(1 + random.nextInt(36_499)).toString());
                    e.setRegisteredMs(1L);
                    e.setRegisteredBy("probe");
                    e.setUpdatedMs(1L);
                    e.setUpdatedBy("probe");
                    NameKeys.fill(e);
                    rows.add(e);
                }
                jpa.run(em -> NewPatientRows.insert(em, rows));
            }
            System.out.printf("PROBE loaded %,d patients in %d ms%n", n, (System.nanoTime() - t0) / 1_000_000);
            jpa.run(em -> {
                try (Connection c = JpaTransactions.connection(em); Statement s = c.createStatement()) {
                    s.execute(c.getMetaData().getDatabaseProductName().contains("H2") ? "ANALYZE" : "ANALYZE emr_patient");
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            PatientFinder finder = new PatientFinder(db.emf, event -> { }, config());
            List<Kind> kinds = List.of(
                    new Kind("name-prefix", r -> prefixOf(r)),
                    new Kind("name-typo", r -> typoOf(r)),
                    new Kind("name-typo-given-family", r -> pick(GIVEN, givenCdf, r) + " " + typoOf(r)),
                    new Kind("name-given-family", r -> pick(GIVEN, givenCdf, r) + " " + pick(FAMILY, familyCdf, r)),
                    new Kind("name-given-prefix", r -> pick(GIVEN, givenCdf, r).substring(0, 3)));
            for (Kind k : kinds) {
                Random r = new Random(k.name.hashCode());
                for (int i = 0; i < 50; i++) {
                    search(finder, k.query.apply(r));
                }
                long[] ms = new long[searches];
                long[] cpu = new long[searches];
                long hits = 0;
                for (int i = 0; i < searches; i++) {
                    String q = k.query.apply(r);
                    long s = System.nanoTime();
                    long c = THREADS.getCurrentThreadCpuTime();
                    hits += search(finder, q);
                    cpu[i] = THREADS.getCurrentThreadCpuTime() - c;
                    ms[i] = System.nanoTime() - s;
                }
                Arrays.sort(ms);
                Arrays.sort(cpu);
                // CPU time of the searching thread (in-memory H2 runs in it): steadier than wall time on a busy machine.
                System.out.printf("PROBE %-24s cpu p50 %7.2f p95 %7.2f max %7.2f | wall p50 %7.2f p95 %7.2f ms | avg hits %.1f%n",
                        k.name, cpu[searches / 2] / 1e6, cpu[searches * 95 / 100] / 1e6, cpu[searches - 1] / 1e6,
                        ms[searches / 2] / 1e6, ms[searches * 95 / 100] / 1e6, (double) hits / searches);
            }
            for (String q : System.getProperty("pavilion.search.probe.queries", "james jonhson,jonhson,smi").split(",")) {
                long s = THREADS.getCurrentThreadCpuTime();
                long h = search(finder, q);
                System.out.printf("PROBE query '%s': %d hits (total), cpu %.2f ms%n", q, h,
                        (THREADS.getCurrentThreadCpuTime() - s) / 1e6);
            }
        }
    }

    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    private static long search(PatientFinder finder, String name) {
        PatientSearch q = new PatientSearch();
        q.name = name;
        return finder.search(q, 0, 20, true).page().getTotal();
    }

    private record Kind(String name, Function<Random, String> query) {
    }

    private static SearchConfig config() {
        return new SearchConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return SearchConfig.class;
            }

            @Override
            public int countCap() {
                return PatientFinder.DEFAULT_COUNT_CAP;
            }
        };
    }

    private static String tailName(Random r) {
        String s = SYLLABLES[r.nextInt(SYLLABLES.length)] + SYLLABLES[r.nextInt(SYLLABLES.length)]
                + (r.nextBoolean() ? SYLLABLES[r.nextInt(SYLLABLES.length)] : "");
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private String prefixOf(Random r) {
        String name = pick(FAMILY, familyCdf, r);
        return name.substring(0, Math.min(name.length(), 3 + r.nextInt(3)));
    }

    private String typoOf(Random r) {
        String name;
        do {
            name = pick(FAMILY, familyCdf, r).toLowerCase();
        } while (name.length() < 5);
        int i = 1 + r.nextInt(name.length() - 2);
        switch (r.nextInt(4)) {
            case 0:
                return name.substring(0, i) + name.charAt(i + 1) + name.charAt(i) + name.substring(i + 2);
            case 1:
                return name.substring(0, i) + name.substring(i + 1);
            case 2:
                return name.substring(0, i) + name.charAt(i) + name.substring(i);
            default:
                return name.substring(0, i) + "aeiou".charAt(r.nextInt(5)) + name.substring(i + 1);
        }
    }

    private static String pick(String[] names, double[] cdf, Random r) {
        int i = Arrays.binarySearch(cdf, r.nextDouble());
        return names[Math.min(names.length - 1, i < 0 ? -i - 1 : i)];
    }

    private static double[] zipfCdf(int n, double s) {
        double[] cdf = new double[n];
        double sum = 0;
        for (int k = 1; k <= n; k++) {
            sum += 1 / Math.pow(k + 10, s);
            cdf[k - 1] = sum;
        }
        for (int k = 0; k < n; k++) {
            cdf[k] /= sum;
        }
        return cdf;
    }
}
