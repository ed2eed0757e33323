package org.hyperiot.streaming.storm.localnimbus;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

import org.apache.storm.security.auth.ReqContext;
import org.apache.storm.security.auth.SimpleTransportPlugin;
import org.apache.storm.thrift.TProcessor;
import org.apache.storm.thrift.protocol.TBinaryProtocol;
import org.apache.storm.thrift.server.THsHaServer;
import org.apache.storm.thrift.server.TServer;
import org.apache.storm.thrift.transport.TNonblockingServerSocket;
import org.apache.storm.thrift.transport.TTransportException;

/**
 * Storm's plain Thrift transport, with the server bound to 127.0.0.1: Storm's own binds every
 * address and has no setting to change that. Clients connect with the unchanged
 * {@link SimpleTransportPlugin} (framed transport, binary protocol).
 */
public class LoopbackTransportPlugin extends SimpleTransportPlugin {

    @Override
    public TServer getServer(TProcessor processor) throws IOException, TTransportException {
        int port = type.getPort(topoConf);
        TNonblockingServerSocket socket = new TNonblockingServerSocket(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        int maxBufferSize = type.getMaxBufferSize(topoConf);
        THsHaServer.Args arguments = new THsHaServer.Args(socket)
                .processor(anonymous(processor))
                .maxWorkerThreads(type.getNumThreads(topoConf))
                .protocolFactory(new TBinaryProtocol.Factory(false, true, maxBufferSize, -1));
        arguments.maxReadBufferBytes = maxBufferSize;
        return new THsHaServer(arguments);
    }

    /** Every request comes from this machine, with no identity: what Nimbus' unsecured mode expects. */
    private static TProcessor anonymous(TProcessor processor) {
        return (in, out) -> {
            ReqContext context = ReqContext.context();
            context.setRemoteAddress(InetAddress.getLoopbackAddress());
            context.setSubject(null);
            processor.process(in, out);
        };
    }
}
