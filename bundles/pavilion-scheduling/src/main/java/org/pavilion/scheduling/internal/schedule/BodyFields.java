package org.pavilion.scheduling.internal.schedule;

/** What the class-level constraints read from a body: a public text field by the name the constraint gives. */
final class BodyFields {

    private BodyFields() {
    }

    static String text(Object body, String field) {
        try {
            return (String) body.getClass().getField(field).get(body);
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalArgumentException(body.getClass().getName() + " has no public text field " + field, e);
        }
    }
}
