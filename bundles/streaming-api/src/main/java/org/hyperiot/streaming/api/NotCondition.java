package org.hyperiot.streaming.api;

/**
 * Holds when its condition does not ({@code "not"} in JSON).
 *
 * @param condition the negated condition
 */
public record NotCondition(Condition condition) implements Condition {
}
