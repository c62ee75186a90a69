package org.pavilion.billing.internal.charges;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;

/** Several people doing the same thing at the same moment: how many succeeded, and the statuses of the refused. */
final class Race {

    final int succeeded;
    final List<Integer> refused;

    private Race(int succeeded, List<Integer> refused) {
        this.succeeded = succeeded;
        this.refused = refused;
    }

    static Race of(List<Caller> people, Callable<?> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(people.size());
        try {
            CyclicBarrier start = new CyclicBarrier(people.size());
            List<Future<Integer>> done = new ArrayList<>();
            for (Caller who : people) {
                done.add(pool.submit(() -> CallerContext.runAs(who, () -> {
                    start.await(10, TimeUnit.SECONDS);
                    try {
                        work.call();
                        return 0;
                    } catch (ProblemException p) {
                        return p.status();
                    }
                })));
            }
            int ok = 0;
            List<Integer> refused = new ArrayList<>();
            for (Future<Integer> f : done) {
                int status = f.get(60, TimeUnit.SECONDS);
                if (status == 0) {
                    ok++;
                } else {
                    refused.add(status);
                }
            }
            return new Race(ok, refused);
        } finally {
            pool.shutdownNow();
        }
    }
}
