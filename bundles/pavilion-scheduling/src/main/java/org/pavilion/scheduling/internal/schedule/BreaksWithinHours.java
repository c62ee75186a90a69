package org.pavilion.scheduling.internal.schedule;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.ArrayList;
import java.util.List;

import javax.validation.Constraint;
import javax.validation.ConstraintValidator;
import javax.validation.ConstraintValidatorContext;
import javax.validation.Payload;

import org.pavilion.scheduling.internal.schedule.ScheduleDtos.TimeRange;
import org.pavilion.scheduling.internal.schedule.ScheduleDtos.WorkingHours;

/**
 * Each break of a row of working hours lies within the hours and overlaps no earlier break of the row, reported on
 * the break ({@code breaks[1]}). A break or hours whose times are absent or malformed are left to their own
 * constraints.
 */
@Documented
@Constraint(validatedBy = BreaksWithinHours.Check.class)
@Target(TYPE)
@Retention(RUNTIME)
public @interface BreaksWithinHours {

    String message() default "lies outside the working hours";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Check implements ConstraintValidator<BreaksWithinHours, WorkingHours> {

        @Override
        public boolean isValid(WorkingHours hours, ConstraintValidatorContext context) {
            if (hours == null || hours.breaks == null) {
                return true;
            }
            Integer start = TimeOfDay.Check.minutes(hours.start);
            Integer end = TimeOfDay.Check.minutes(hours.end);
            boolean hoursKnown = start != null && end != null && start < end;
            List<int[]> earlier = new ArrayList<>();
            boolean valid = true;
            context.disableDefaultConstraintViolation();
            for (int i = 0; i < hours.breaks.size(); i++) {
                int[] b = minutes(hours.breaks.get(i));
                if (b == null) {
                    continue;
                }
                // Messages from times read back as "HH:mm": nothing the client typed reaches the interpolator.
                if (hoursKnown && (b[0] < start || b[1] > end)) {
                    valid = false;
                    refuse(context, i, "lies outside the working hours " + DaySlots.hhmm(start) + "-"
                            + DaySlots.hhmm(end));
                }
                for (int[] other : earlier) {
                    if (b[0] < other[1] && other[0] < b[1]) {
                        valid = false;
                        refuse(context, i, "overlaps the break " + DaySlots.hhmm(other[0]) + "-"
                                + DaySlots.hhmm(other[1]));
                        break;
                    }
                }
                earlier.add(b);
            }
            return valid;
        }

        /** [start, end) of a well-formed break; null otherwise. */
        private static int[] minutes(TimeRange b) {
            Integer start = b == null ? null : TimeOfDay.Check.minutes(b.start);
            Integer end = b == null ? null : TimeOfDay.Check.minutes(b.end);
            return start == null || end == null || end <= start ? null : new int[] {start, end};
        }

        private static void refuse(ConstraintValidatorContext context, int index, String message) {
            context.buildConstraintViolationWithTemplate(message).addPropertyNode("breaks").addBeanNode().inIterable()
                    .atIndex(index).addConstraintViolation();
        }
    }
}
