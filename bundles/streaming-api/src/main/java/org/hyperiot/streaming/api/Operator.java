package org.hyperiot.streaming.api;

/**
 * One step of a stream's pipeline. Records flow through the operators in order; each operator
 * passes on zero, one or (for processors) several records.
 */
public sealed interface Operator
        permits FilterOperator, ProjectOperator, SetOperator, RenameOperator, KeyByOperator,
        ProcessorOperator, WindowOperator {

    /** The value of the {@code op} member in JSON, for example {@code filter}. */
    String op();
}
