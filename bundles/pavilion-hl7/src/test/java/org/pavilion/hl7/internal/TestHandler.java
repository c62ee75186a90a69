package org.pavilion.hl7.internal;

import java.util.Set;

import org.pavilion.hl7.api.Completion;
import org.pavilion.hl7.api.Hl7Handler;
import org.pavilion.hl7.api.InboundMessage;
import org.pavilion.hl7.api.Outcome;

/** A department's handler written as a lambda, for the hub's tests. */
final class TestHandler implements Hl7Handler {

    @FunctionalInterface
    interface Handle {
        Outcome handle(InboundMessage message, Completion completion) throws Exception;
    }

    private final String department;
    private final Set<String> types;
    private final Handle handle;

    private TestHandler(String department, Set<String> types, Handle handle) {
        this.department = department;
        this.types = types;
        this.handle = handle;
    }

    static Hl7Handler of(String department, Set<String> types, Handle handle) {
        return new TestHandler(department, types, handle);
    }

    @Override
    public Set<String> messageTypes() {
        return types;
    }

    @Override
    public String department() {
        return department;
    }

    @Override
    public Outcome handle(InboundMessage message, Completion completion) throws Exception {
        return handle.handle(message, completion);
    }

    @Override
    public String toString() {
        return department + " " + types;
    }
}
