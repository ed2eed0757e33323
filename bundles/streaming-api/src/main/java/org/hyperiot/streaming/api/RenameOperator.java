package org.hyperiot.streaming.api;

/**
 * Moves a field of a JSON object value to another name; a record without the field passes unchanged.
 *
 * @param from the (dotted) path of the field to move
 * @param to   the (dotted) path it moves to
 */
public record RenameOperator(String from, String to) implements Operator {

    /** Returns {@code rename}. */
    @Override
    public String op() {
        return "rename";
    }
}
