package org.hyperiot.streaming.shell.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.stream.Collectors;

import org.hyperiot.streaming.api.StreamingException;
import org.hyperiot.streaming.api.saga.IllegalSagaStateException;
import org.hyperiot.streaming.api.saga.InvalidSagaDefinitionException;
import org.hyperiot.streaming.api.saga.SagaDefinition;
import org.hyperiot.streaming.api.saga.SagaDefinitionExistsException;
import org.hyperiot.streaming.api.saga.SagaDefinitionNotFoundException;
import org.hyperiot.streaming.api.saga.SagaNotFoundException;
import org.hyperiot.streaming.api.saga.SagaStep;
import org.hyperiot.streaming.engine.definition.DurationFormat;

/** How the {@code saga:*} commands word what they print: times, durations, definitions and refusals. */
final class SagaCommandOutput {

    /** What every saga command says when the coordinator's services are not there. */
    static final String NOT_INSTALLED = "The saga coordinator is not installed (feature hyperiot-streaming-saga)";

    private SagaCommandOutput() {
    }

    /** Says on standard error that there is no coordinator. */
    static void notInstalled() {
        System.err.println(NOT_INSTALLED);
    }

    /**
     * The coordinator's refusal on standard error, with the REST API's stable code for the refusals
     * it has one for, so that scripts can grep for the same words either way.
     */
    static void refused(StreamingException e) {
        String code = code(e);
        System.err.println(e.getMessage() + (code == null ? "" : " (" + code + ")"));
    }

    private static String code(StreamingException e) {
        if (e instanceof SagaNotFoundException) {
            return "SAGA_NOT_FOUND";
        }
        if (e instanceof SagaDefinitionNotFoundException) {
            return "SAGA_DEFINITION_NOT_FOUND";
        }
        if (e instanceof SagaDefinitionExistsException) {
            return "SAGA_DEFINITION_EXISTS";
        }
        if (e instanceof IllegalSagaStateException) {
            return "ILLEGAL_SAGA_STATE";
        }
        if (e instanceof InvalidSagaDefinitionException) {
            return "INVALID_SAGA_DEFINITION";
        }
        return null;
    }

    /** An instant to the second, {@code 2026-12-06T10:02:00Z}; {@code -} for none. */
    static String time(Instant instant) {
        return instant == null ? "-" : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** {@code 200ms}, {@code 10s}, {@code 5m}: the way definitions write durations. */
    static String duration(Duration duration) {
        if (duration == null) {
            return "-";
        }
        return DurationFormat.isWholeMillis(duration) ? DurationFormat.format(duration) : duration.toString();
    }

    /** The steps in their order, a parallel group in brackets: {@code reserve, [charge, notify], ship}. */
    static String order(SagaDefinition definition) {
        return definition.stages().stream().map(stage -> stage instanceof SagaStep step ? step.name()
                : stage.steps().stream().map(SagaStep::name).collect(Collectors.joining(", ", "[", "]")))
                .collect(Collectors.joining(", "));
    }

    /** A message's first line cut to a table cell's width; {@code -} for none. */
    static String cell(String text) {
        if (text == null) {
            return "-";
        }
        String line = text.strip().lines().findFirst().orElse("");
        return line.length() <= 80 ? line : line.substring(0, 80) + "…";
    }
}
