package org.hyperiot.streaming.example.saga.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hyperiot.streaming.api.saga.SagaCommand;
import org.hyperiot.streaming.api.saga.SagaReply;

/**
 * The members of the saga's data that the order participants read: the order, and the switches with
 * which a person trying the example asks for failures and delays. Other members (the outputs of earlier
 * steps among them) are ignored.
 *
 * <p>A switch names an action: {@code reserve}, {@code charge}, {@code confirm}, {@code ship}, or a
 * compensation such as {@code release}. A step's name also names the step's action (so {@code notify}
 * means {@code confirm}), but never its compensation. Failures depend on nothing but the command, its
 * attempt number included, so they are the same on every node and after any crash.
 *
 * @param orderId          {@code "orderId"}: a non-empty string
 * @param amount           {@code "amount"}: a finite number
 * @param fail             {@code "fail"}: the action that answers a final failure on every attempt, or
 *                         {@code null}
 * @param failTimes        {@code "failTimes"}: per action, how many of its first attempts answer a
 *                         retryable failure
 * @param failCompensation {@code "failCompensation"}: per compensation action, how many of its first
 *                         attempts answer a retryable failure
 * @param delay            {@code "delay"}: per action or compensation, how long every attempt waits before
 *                         answering, at most {@link #MAX_DELAY}
 */
record OrderInput(String orderId, Number amount, String fail, Map<String, Long> failTimes,
                  Map<String, Long> failCompensation, Map<String, Duration> delay) {

    /** Failure code of an action that the input asks to fail. */
    static final String REQUESTED_FAILURE = "REQUESTED_FAILURE";

    /** Failure code of an attempt that the input asks to fail, to be retried. */
    static final String REQUESTED_RETRYABLE_FAILURE = "REQUESTED_RETRYABLE_FAILURE";

    /**
     * The longest delay the input may ask for: a delayed command holds up its participant's worker, and the
     * Kafka transaction of the commands it polled with it. Long enough to outlast {@code reserve}'s 10 s.
     */
    static final Duration MAX_DELAY = Duration.ofSeconds(30);

    private static final Pattern DURATION = Pattern.compile("([0-9]{1,9})(ms|s|m|h)");

    /**
     * Reads the saga's data.
     *
     * @throws InvalidOrderInputException naming the first member that is missing or of the wrong type
     */
    static OrderInput from(Map<String, Object> data) throws InvalidOrderInputException {
        if (data == null) {
            throw new InvalidOrderInputException("the saga has no input; it needs {\"orderId\": …, \"amount\": …}");
        }
        if (!(data.get("orderId") instanceof String orderId) || orderId.isBlank()) {
            throw missingOrInvalid("orderId", "a non-empty string", data);
        }
        if (!(data.get("amount") instanceof Number amount) || !isFinite(amount)) {
            throw missingOrInvalid("amount", "a number", data);
        }
        Object fail = data.get("fail");
        if (fail != null && !(fail instanceof String)) {
            throw missingOrInvalid("fail", "an action or step name", data);
        }
        return new OrderInput(orderId, amount, (String) fail, counts("failTimes", data), counts("failCompensation", data),
                delays(data));
    }

    /**
     * The failure the input asks this command to answer, if any: a final failure for the action named by
     * {@code fail}, a retryable failure for the first attempts counted in {@code failTimes} or
     * {@code failCompensation}.
     */
    Optional<SagaReply> requestedFailure(SagaCommand command) {
        if (!command.compensation() && fail != null && names(fail, command)) {
            return Optional.of(SagaReply.finalFailure(REQUESTED_FAILURE,
                    "the saga input asks '" + fail + "' to fail (\"fail\")"));
        }
        String switchName = command.compensation() ? "failCompensation" : "failTimes";
        long failingAttempts = largest(command.compensation() ? failCompensation : failTimes, command);
        if (command.attempt() <= failingAttempts) {
            return Optional.of(SagaReply.retryableFailure(REQUESTED_RETRYABLE_FAILURE,
                    "attempt " + command.attempt() + " of '" + command.action() + "' fails as the saga input asks (\""
                            + switchName + "\": " + failingAttempts + " attempts)"));
        }
        return Optional.empty();
    }

    /** How long the input asks this command to wait before it answers; zero for no wait. */
    Duration delayFor(SagaCommand command) {
        Duration longest = Duration.ZERO;
        for (Map.Entry<String, Duration> entry : delay.entrySet()) {
            if (names(entry.getKey(), command) && entry.getValue().compareTo(longest) > 0) {
                longest = entry.getValue();
            }
        }
        return longest;
    }

    /** Whether a switch's key designates the command: its action, or the step's name for the step's action. */
    private static boolean names(String key, SagaCommand command) {
        return key.equals(command.action()) || (!command.compensation() && key.equals(command.step()));
    }

    private static long largest(Map<String, Long> counts, SagaCommand command) {
        long largest = 0;
        for (Map.Entry<String, Long> entry : counts.entrySet()) {
            if (names(entry.getKey(), command)) {
                largest = Math.max(largest, entry.getValue());
            }
        }
        return largest;
    }

    private static Map<String, Long> counts(String member, Map<String, Object> data) throws InvalidOrderInputException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : object(member, data).entrySet()) {
            // Whole numbers arrive as Long (the API normalises smaller integer types to Long).
            if (!(entry.getValue() instanceof Long count) || count < 0) {
                throw invalid(member + "." + entry.getKey(), "a whole number of attempts, 0 or more", entry.getValue());
            }
            counts.put(entry.getKey(), count);
        }
        return Map.copyOf(counts);
    }

    private static Map<String, Duration> delays(Map<String, Object> data) throws InvalidOrderInputException {
        Map<String, Duration> delays = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : object("delay", data).entrySet()) {
            Duration duration = entry.getValue() instanceof String text ? duration(text) : null;
            if (duration == null || duration.compareTo(MAX_DELAY) > 0) {
                throw invalid("delay." + entry.getKey(), "a duration such as \"2s\" or \"500ms\", at most 30s",
                        entry.getValue());
            }
            delays.put(entry.getKey(), duration);
        }
        return Map.copyOf(delays);
    }

    private static Map<String, Object> object(String member, Map<String, Object> data) throws InvalidOrderInputException {
        Object value = data.get(member);
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw missingOrInvalid(member, "an object", data);
        }
        Map<String, Object> members = new LinkedHashMap<>();
        map.forEach((key, memberValue) -> members.put(String.valueOf(key), memberValue));
        return members;
    }

    private static Duration duration(String text) {
        Matcher matcher = DURATION.matcher(text);
        if (!matcher.matches()) {
            return null;
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }

    private static boolean isFinite(Number number) {
        return number instanceof Long || number instanceof BigDecimal || number instanceof BigInteger
                || number instanceof Integer || number instanceof Short || number instanceof Byte
                || ((number instanceof Double || number instanceof Float) && Double.isFinite(number.doubleValue()));
    }

    private static InvalidOrderInputException missingOrInvalid(String member, String expected,
                                                               Map<String, Object> data) {
        return data.containsKey(member)
                ? invalid(member, expected, data.get(member))
                : new InvalidOrderInputException("the saga input needs \"" + member + "\": " + expected);
    }

    private static InvalidOrderInputException invalid(String member, String expected, Object actual) {
        return new InvalidOrderInputException("\"" + member + "\" in the saga input must be " + expected + ", not "
                + describe(actual));
    }

    private static String describe(Object value) {
        try {
            return JsonText.write(value);
        } catch (IllegalArgumentException noJsonForm) {
            return String.valueOf(value);
        }
    }
}
