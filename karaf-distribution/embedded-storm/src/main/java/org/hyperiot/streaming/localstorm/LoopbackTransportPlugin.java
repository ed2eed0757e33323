package org.hyperiot.streaming.localstorm;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.apache.storm.security.auth.ReqContext;
import org.apache.storm.security.auth.SimpleTransportPlugin;
import org.apache.storm.thrift.TException;
import org.apache.storm.thrift.TProcessor;
import org.apache.storm.thrift.protocol.TBinaryProtocol;
import org.apache.storm.thrift.protocol.TProtocol;
import org.apache.storm.thrift.server.THsHaServer;
import org.apache.storm.thrift.server.TServer;
import org.apache.storm.thrift.transport.TNonblockingServerSocket;
import org.apache.storm.thrift.transport.TTransportException;

/**
 * Storm's plain (unauthenticated, framed) Thrift transport, with the server socket bound to
 * {@code 127.0.0.1} instead of every address. Storm's own {@link SimpleTransportPlugin} has no setting
 * for the address; this plugin, given as {@code nimbus.thrift.transport} and
 * {@code supervisor.thrift.transport}, keeps its wire format, so any Storm client connects as before.
 *
 * <p>There is no authentication on this transport: every request runs as the anonymous user, which is
 * why it must not be reachable from other machines.
 */
public class LoopbackTransportPlugin extends SimpleTransportPlugin {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private volatile int boundPort;

    @Override
    public TServer getServer(TProcessor processor) throws IOException, TTransportException {
        TNonblockingServerSocket socket = new TNonblockingServerSocket(
                new InetSocketAddress(LOOPBACK, type.getPort(topoConf)));
        boundPort = socket.getPort();
        int threads = type.getNumThreads(topoConf);
        int maxBufferSize = type.getMaxBufferSize(topoConf);
        THsHaServer.Args server = new THsHaServer.Args(socket)
                .processor(new AnonymousRequests(processor))
                .maxWorkerThreads(threads)
                .protocolFactory(new TBinaryProtocol.Factory(false, true, maxBufferSize, -1));
        server.maxReadBufferBytes = maxBufferSize;
        Integer queueSize = type.getQueueSize(topoConf);
        if (queueSize != null) {
            server.executorService(new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                    new ArrayBlockingQueue<>(queueSize)));
        }
        return new THsHaServer(server);
    }

    @Override
    public int getPort() {
        return boundPort;
    }

    /**
     * Storm's handlers read the caller from a thread-local request context; pooled threads must not carry
     * a previous request's, so each request starts as an anonymous caller from loopback.
     */
    private static final class AnonymousRequests implements TProcessor {

        private final TProcessor handler;

        AnonymousRequests(TProcessor handler) {
            this.handler = handler;
        }

        @Override
        public void process(TProtocol in, TProtocol out) throws TException {
            ReqContext context = ReqContext.context();
            context.setRemoteAddress(LOOPBACK);
            context.setSubject(null);
            handler.process(in, out);
        }
    }
}
