package org.hyperiot.streaming.storm.internal;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;

import org.apache.storm.generated.AlreadyAliveException;
import org.apache.storm.generated.AuthorizationException;
import org.apache.storm.generated.InvalidTopologyException;
import org.apache.storm.generated.KeyAlreadyExistsException;
import org.apache.storm.generated.KeyNotFoundException;
import org.apache.storm.generated.NotAliveException;
import org.apache.storm.thrift.transport.TTransportException;
import org.apache.storm.utils.NimbusLeaderNotFoundException;
import org.hyperiot.streaming.api.storm.StormException;

/**
 * Gives each kind of Storm failure a stable code. Storm's Thrift exceptions carry their reason in
 * {@code get_msg()} and often have no {@link Throwable#getMessage()}; the connection classes wrap
 * transport failures in plain {@link RuntimeException}s, so the cause chain is searched for them.
 */
public final class StormErrors {

    private StormErrors() {
    }

    public static StormException translate(String action, Throwable error) {
        if (error instanceof StormException storm) {
            return storm;
        }
        if (error instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return new StormException(StormException.INTERRUPTED, "Interrupted while waiting for Nimbus to " + action,
                    error);
        }
        String code;
        if (error instanceof NotAliveException) {
            code = StormException.UNKNOWN_TOPOLOGY;
        } else if (error instanceof AlreadyAliveException) {
            code = StormException.ALREADY_ALIVE;
        } else if (error instanceof InvalidTopologyException) {
            code = StormException.INVALID_TOPOLOGY;
        } else if (error instanceof AuthorizationException) {
            code = StormException.NOT_AUTHORIZED;
        } else if (error instanceof KeyNotFoundException || error instanceof KeyAlreadyExistsException) {
            code = StormException.STORM_ERROR;
        } else if (isUnreachable(error)) {
            return new StormException(StormException.NIMBUS_UNAVAILABLE,
                    "Nimbus could not be reached to " + action + ": " + describe(rootCause(error)), error);
        } else {
            code = StormException.STORM_ERROR;
        }
        return new StormException(code, "Nimbus refused to " + action + ": " + describe(error), error);
    }

    /** Whether the failure means the connection, not the request, failed: the gateway then reconnects. */
    public static boolean isUnreachable(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof TTransportException || cause instanceof NimbusLeaderNotFoundException
                    || cause instanceof ConnectException || cause instanceof SocketTimeoutException
                    || cause instanceof NoRouteToHostException || cause instanceof UnknownHostException
                    || cause instanceof ClosedChannelException) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /** The reason a Thrift or Java exception gives, with its type when it gives none. */
    public static String describe(Throwable error) {
        String message = error.getMessage();
        if (error instanceof NotAliveException e && e.get_msg() != null) {
            message = e.get_msg();
        } else if (error instanceof AlreadyAliveException e && e.get_msg() != null) {
            message = e.get_msg();
        } else if (error instanceof InvalidTopologyException e && e.get_msg() != null) {
            message = e.get_msg();
        } else if (error instanceof AuthorizationException e && e.get_msg() != null) {
            message = e.get_msg();
        }
        return message == null || message.isBlank() ? error.getClass().getSimpleName() : message;
    }

    private static Throwable rootCause(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
