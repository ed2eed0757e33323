package org.hyperiot.streaming.localstorm;

import java.lang.reflect.Field;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.apache.storm.messaging.IConnection;
import org.apache.storm.messaging.IConnectionCallback;
import org.apache.storm.messaging.IContext;
import org.apache.storm.messaging.netty.Context;
import org.apache.storm.metrics2.StormMetricRegistry;
import org.apache.storm.shade.io.netty.bootstrap.ServerBootstrap;
import org.apache.storm.shade.io.netty.channel.Channel;
import org.apache.storm.shade.io.netty.channel.ChannelFuture;
import org.apache.storm.shade.io.netty.channel.ServerChannel;
import org.apache.storm.shade.io.netty.channel.group.ChannelGroup;

/**
 * Storm's Netty messaging between workers, with each worker's server socket on {@code 127.0.0.1}
 * instead of every address ({@code storm.messaging.transport}). Storm's Netty server binds the wildcard
 * address in its constructor and has no setting for it, so this context moves the listening channel to
 * loopback right after: it closes the wildcard channel and binds the same port on loopback with the
 * server's own bootstrap, so the pipeline (and so the protocol) is Storm's own.
 *
 * <p>For the few milliseconds between the two binds the port is open on every address; a connection
 * accepted then from another address is closed. The server's fields are reached by reflection: this class is tied to the
 * Storm version the distribution ships (2.8.3) and fails the worker loudly, not silently, if they change.
 */
public class LoopbackNettyContext implements IContext {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final long BIND_TIMEOUT_NANOS = 10_000_000_000L;

    private final Context netty = new Context();

    @Override
    @SuppressWarnings("deprecation")
    public void prepare(Map<String, Object> topoConf) {
        netty.prepare(topoConf);
    }

    @Override
    public void prepare(Map<String, Object> topoConf, StormMetricRegistry metricRegistry) {
        netty.prepare(topoConf, metricRegistry);
    }

    @Override
    public IConnection bind(String stormId, int port, IConnectionCallback cb, Supplier<Object> newConnectionResponse) {
        IConnection server = netty.bind(stormId, port, cb, newConnectionResponse);
        moveToLoopback(server, port);
        return server;
    }

    @Override
    public IConnection connect(String stormId, String host, int port, AtomicBoolean[] remoteBpStatus) {
        return netty.connect(stormId, host, port, remoteBpStatus);
    }

    @Override
    public void term() {
        netty.term();
    }

    private static void moveToLoopback(IConnection server, int port) {
        try {
            ServerBootstrap bootstrap = (ServerBootstrap) field(server, "bootstrap");
            ChannelGroup channels = (ChannelGroup) field(server, "allChannels");
            List<Channel> listening = channels.stream().filter(ServerChannel.class::isInstance).toList();
            for (Channel channel : listening) {
                channel.close().sync();
                channels.remove(channel);
            }
            // A peer that connected from elsewhere while the wildcard channel listened is let go.
            for (Channel accepted : List.copyOf(channels)) {
                if (accepted.remoteAddress() instanceof InetSocketAddress remote
                        && !remote.getAddress().isLoopbackAddress()) {
                    accepted.close();
                }
            }
            // The server closes its group on shutdown: the loopback channel must be in it.
            channels.add(bindLoopback(bootstrap, port));
        } catch (ReflectiveOperationException | RuntimeException e) {
            server.close();
            throw new IllegalStateException("Cannot bind the worker's messaging port " + port + " to loopback", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.close();
            throw new IllegalStateException("Interrupted while binding the worker's messaging port to loopback", e);
        }
    }

    /**
     * A closed NIO channel that is still registered with a selector keeps its socket until the selector's
     * next round, so the port can look taken for a moment after the wildcard channel closed.
     */
    private static Channel bindLoopback(ServerBootstrap bootstrap, int port) throws InterruptedException {
        long deadline = System.nanoTime() + BIND_TIMEOUT_NANOS;
        while (true) {
            ChannelFuture bound = bootstrap.bind(new InetSocketAddress(LOOPBACK, port)).await();
            if (bound.isSuccess()) {
                return bound.channel();
            }
            if (!(bound.cause() instanceof BindException) || System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("binding 127.0.0.1:" + port + " failed", bound.cause());
            }
            Thread.sleep(20);
        }
    }

    private static Object field(Object target, String name) throws ReflectiveOperationException {
        Field field = target.getClass().getDeclaredField(name);
        field.setAccessible(true);
        return field.get(target);
    }
}
