package dev.ecslabs.emulator.autoscaling;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scheduled action's schedule, as PutScheduledAction takes it
 * (https://docs.aws.amazon.com/autoscaling/application/userguide/scheduled-scaling-using-cron-expressions.html):
 * {@code at(yyyy-mm-ddThh:mm:ss)} once, {@code rate(value unit)} every so many minutes, hours or days
 * from the start, and {@code cron(minutes hours day-of-month month day-of-week year)}, in the
 * action's time zone (UTC by default). Cron fields take {@code *}, {@code ?}, values, ranges,
 * lists, increments ({@code 0/15}) and month and day names; {@code L}, {@code W} and {@code #} are
 * not served. Evaluated at whole minutes.
 */
abstract class Schedule {
    private static final Pattern AT = Pattern.compile("at\\((\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2})\\)");
    private static final Pattern RATE = Pattern.compile("rate\\((\\d+) (minute|minutes|hour|hours|day|days)\\)");
    private static final Pattern CRON = Pattern.compile("cron\\((.+)\\)");
    private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT",
            "NOV", "DEC");
    private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

    /** Whether the action runs at this whole minute; {@code anchor} is its StartTime or creation, where rates count from. */
    abstract boolean dueAt(Instant minute, Instant anchor);

    static ZoneId zone(String timezone) {
        if (timezone == null) {
            return ZoneId.of("UTC");
        }
        try {
            return ZoneId.of(timezone);
        } catch (DateTimeException e) {
            throw AutoScalingErrors.validation("Invalid timezone " + timezone + ": use an IANA time zone name such as "
                    + "Europe/Berlin or America/New_York.");
        }
    }

    static Schedule parse(String expression, ZoneId zone) {
        Matcher at = AT.matcher(expression);
        if (at.matches()) {
            try {
                Instant when = LocalDateTime.parse(at.group(1)).atZone(zone).toInstant();
                return new Schedule() {
                    @Override
                    boolean dueAt(Instant minute, Instant anchor) {
                        return !minute.isBefore(when) && minute.isBefore(when.plusSeconds(60));
                    }
                };
            } catch (DateTimeParseException e) {
                throw invalid(expression);
            }
        }
        Matcher rate = RATE.matcher(expression);
        if (rate.matches()) {
            long value = Long.parseLong(rate.group(1));
            boolean singular = !rate.group(2).endsWith("s");
            if (value < 1 || (value == 1) != singular) {
                throw AutoScalingErrors.validation("Invalid rate expression " + expression + ": the value is a positive whole "
                        + "number, with a singular unit for 1 (rate(1 hour)) and a plural one otherwise (rate(5 minutes)).");
            }
            Duration every = rate.group(2).startsWith("minute") ? Duration.ofMinutes(value)
                    : rate.group(2).startsWith("hour") ? Duration.ofHours(value) : Duration.ofDays(value);
            return new Schedule() {
                @Override
                boolean dueAt(Instant minute, Instant anchor) {
                    long since = Duration.between(anchor, minute).toMinutes();
                    return since > 0 && since % every.toMinutes() == 0;
                }
            };
        }
        Matcher cron = CRON.matcher(expression);
        if (cron.matches()) {
            return cron(expression, cron.group(1).trim().split("\\s+"), zone);
        }
        throw invalid(expression);
    }

    private static RuntimeException invalid(String expression) {
        return AutoScalingErrors.validation("Invalid schedule expression " + expression + ": use at(yyyy-mm-ddThh:mm:ss), "
                + "rate(value unit) or cron(minutes hours day-of-month month day-of-week year).");
    }

    private static Schedule cron(String expression, String[] fields, ZoneId zone) {
        if (fields.length != 6) {
            throw AutoScalingErrors.validation("Invalid cron expression " + expression + ": it has six fields, minutes hours "
                    + "day-of-month month day-of-week year, such as cron(0 9 ? * MON-FRI *).");
        }
        if (!fields[2].equals("?") && !fields[4].equals("?")) {
            throw AutoScalingErrors.validation("Invalid cron expression " + expression + ": one of day-of-month and "
                    + "day-of-week must be ? (you cannot give both).");
        }
        BitSet minutes = field(expression, fields[0], 0, 59, List.of());
        BitSet hours = field(expression, fields[1], 0, 23, List.of());
        BitSet daysOfMonth = field(expression, fields[2], 1, 31, List.of());
        BitSet months = field(expression, fields[3], 1, 12, MONTHS);
        BitSet daysOfWeek = field(expression, fields[4], 1, 7, DAYS);
        BitSet years = field(expression, fields[5], 1970, 2199, List.of());
        return new Schedule() {
            @Override
            boolean dueAt(Instant minute, Instant anchor) {
                ZonedDateTime local = minute.atZone(zone);
                int dayOfWeek = local.getDayOfWeek().getValue() % 7 + 1; // AWS: 1 = Sunday
                return minutes.get(local.getMinute()) && hours.get(local.getHour()) && daysOfMonth.get(local.getDayOfMonth())
                        && months.get(local.getMonthValue()) && daysOfWeek.get(dayOfWeek) && years.get(local.getYear());
            }
        };
    }

    private static BitSet field(String expression, String field, int min, int max, List<String> names) {
        BitSet values = new BitSet(max + 1);
        for (String part : field.toUpperCase(Locale.ROOT).split(",")) {
            int step = 1;
            String range = part;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                step = number(expression, part.substring(slash + 1), 1, max, List.of());
                range = part.substring(0, slash);
            }
            int from;
            int to;
            if (range.equals("*") || range.equals("?")) {
                from = min;
                to = max;
            } else if (range.contains("-")) {
                String[] bounds = range.split("-", 2);
                from = number(expression, bounds[0], min, max, names);
                to = number(expression, bounds[1], min, max, names);
            } else {
                from = number(expression, range, min, max, names);
                to = slash >= 0 ? max : from;
            }
            for (int value = from; value <= to; value += step) {
                values.set(value);
            }
        }
        return values;
    }

    private static int number(String expression, String text, int min, int max, List<String> names) {
        int named = names.indexOf(text);
        if (named >= 0) {
            return named + 1;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // falls through to the error
        }
        throw AutoScalingErrors.validation("Invalid cron expression " + expression + ": '" + text + "' is not a value from "
                + min + " to " + max + (names.isEmpty() ? "" : " or a name " + names) + " (L, W and # are not served by the emulator).");
    }
}
