package org.hyperiot.streaming.api.storm;

import java.time.Instant;

/**
 * The last error a spout or bolt reported, as Storm recorded it.
 *
 * @param message the error as reported (usually a stack trace)
 * @param time    when it was reported
 * @param host    the host of the worker that reported it
 * @param port    the port of that worker
 */
public record ComponentError(String message, Instant time, String host, int port) {
}
