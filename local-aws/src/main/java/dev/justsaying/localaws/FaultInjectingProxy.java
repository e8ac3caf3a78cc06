package dev.justsaying.localaws;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public address of one local service: an HTTP reverse proxy on 127.0.0.1 that forwards each request to the
 * service behind it, unless its {@link Faults} say otherwise.
 *
 * <p>Putting every endpoint behind one of these gives every service the same fault injection without touching
 * the services themselves: an outage closes the listening socket (clients get "connection refused"), latency
 * delays forwarding, and the error rate answers requests itself with the error shape of the request's protocol.
 */
final class FaultInjectingProxy implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FaultInjectingProxy.class);
    /** Larger than any AWS request or response the local services handle (DynamoDB batches reach 16 MB). */
    private static final int MAX_MESSAGE_BYTES = 32 * 1024 * 1024;

    private final String name;
    private volatile InetSocketAddress upstream;
    private final Faults faults;
    private final Shim shim;
    private final ChannelGroup openChannels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final ServerBootstrap bootstrap;
    private final int port;
    private volatile Channel listener;
    /** Holds the port during an outage: bound but not listening, so connections are refused and nobody takes it. */
    private Socket portHolder;

    private FaultInjectingProxy(String name, int port, Faults faults, EventLoopGroup group, Shim shim) {
        this.name = name;
        this.faults = faults;
        this.shim = shim;
        this.bootstrap = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        openChannels.add(channel);
                        channel.pipeline().addLast(
                                new HttpServerCodec(),
                                new HttpObjectAggregator(MAX_MESSAGE_BYTES),
                                new ClientSide());
                    }
                });
        this.listener = bind(port);
        this.port = ((InetSocketAddress) listener.localAddress()).getPort();
        faults.onOutageChange(this::followOutage);
    }

    /**
     * Opens the public port ({@code 0} picks a free one). Connections are closed at once until
     * {@link #forwardTo(InetSocketAddress)} names the service, which lets a service learn its public address
     * before it starts.
     */
    static FaultInjectingProxy open(String name, int port, Faults faults, EventLoopGroup group) {
        return new FaultInjectingProxy(name, port, faults, group, Shimmed::unchanged);
    }

    /** The same, with a shim that may adjust each request before the service sees it, and its response. */
    static FaultInjectingProxy open(String name, int port, Faults faults, EventLoopGroup group, Shim shim) {
        return new FaultInjectingProxy(name, port, faults, group, shim);
    }

    /** Adjusts what passes through, where a service falls short of AWS (see {@link SqsPolicyShim}). */
    @FunctionalInterface
    interface Shim {
        Shimmed apply(FullHttpRequest request);
    }

    /** The request to forward, and what to do to its response. */
    record Shimmed(FullHttpRequest request, UnaryOperator<FullHttpResponse> response) {
        static Shimmed unchanged(FullHttpRequest request) {
            return new Shimmed(request, UnaryOperator.identity());
        }
    }

    /** Starts forwarding to the service at {@code service}. */
    void forwardTo(InetSocketAddress service) {
        this.upstream = service;
    }

    int port() {
        return port;
    }

    private Channel bind(int wantedPort) {
        try {
            return bootstrap.bind("127.0.0.1", wantedPort).sync().channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while opening " + name + " on port " + wantedPort, e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot open " + name + " on 127.0.0.1:" + wantedPort + ": " + e.getMessage(), e);
        }
    }

    private synchronized void followOutage(Faults current) {
        if (current.isOutage() && listener != null) {
            listener.close().syncUninterruptibly();
            listener = null;
            portHolder = holdPort();
            openChannels.close().syncUninterruptibly();
            log.info("{} is down: connections to port {} are refused", name, port);
        } else if (!current.isOutage() && listener == null) {
            releasePort();
            listener = bind(port);
            log.info("{} is back on port {}", name, port);
        }
    }

    private Socket holdPort() {
        try {
            Socket holder = new Socket();
            holder.setReuseAddress(true);
            holder.bind(new InetSocketAddress("127.0.0.1", port));
            return holder;
        } catch (IOException e) {
            log.warn("{} could not hold port {} during its outage; another process may take it", name, port, e);
            return null;
        }
    }

    private void releasePort() {
        if (portHolder != null) {
            try {
                portHolder.close();
            } catch (IOException e) {
                log.debug("{}: closing the port holder failed", name, e);
            }
            portHolder = null;
        }
    }

    @Override
    public synchronized void close() {
        releasePort();
        if (listener != null) {
            listener.close().syncUninterruptibly();
            listener = null;
        }
        openChannels.close().syncUninterruptibly();
    }

    /** One client connection: it gets its own connection to the service, opened before anything is read. */
    private final class ClientSide extends SimpleChannelInboundHandler<FullHttpRequest> {
        private Channel service;
        /** What to do to the response of the request in flight (clients send one request at a time). */
        private volatile UnaryOperator<FullHttpResponse> responseShim = UnaryOperator.identity();

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            Channel client = ctx.channel();
            InetSocketAddress serviceAddress = upstream;
            if (serviceAddress == null) {
                client.close();
                return;
            }
            client.config().setAutoRead(false);
            new Bootstrap()
                    .group(client.eventLoop())
                    .channel(NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            channel.pipeline().addLast(
                                    new HttpClientCodec(),
                                    new HttpObjectAggregator(MAX_MESSAGE_BYTES),
                                    new ServiceSide(client, ClientSide.this));
                        }
                    })
                    .connect(serviceAddress)
                    .addListener((ChannelFutureListener) connected -> {
                        if (connected.isSuccess()) {
                            service = connected.channel();
                            openChannels.add(service);
                            client.config().setAutoRead(true);
                        } else {
                            log.debug("{} cannot reach its service at {}", name, serviceAddress, connected.cause());
                            client.close();
                        }
                    });
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            if (faults.nextRequestFails()) {
                ctx.writeAndFlush(injectedError(request));
                return;
            }
            Shimmed shimmed = shim.apply(request.retain());
            responseShim = shimmed.response();
            FullHttpRequest forwarded = shimmed.request();
            Duration latency = faults.currentLatency();
            if (latency.isZero()) {
                forward(ctx, forwarded);
            } else {
                ctx.executor().schedule(() -> forward(ctx, forwarded), latency.toNanos(), TimeUnit.NANOSECONDS);
            }
        }

        private void forward(ChannelHandlerContext ctx, FullHttpRequest request) {
            if (service != null && service.isActive()) {
                service.writeAndFlush(request);
            } else {
                request.release();
                ctx.close();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (service != null) {
                service.close();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("{}: client connection failed", name, cause);
            ctx.close();
        }
    }

    /** The service's side of one client connection: relays every response back to the client. */
    private final class ServiceSide extends SimpleChannelInboundHandler<FullHttpResponse> {
        private final Channel client;
        private final ClientSide requests;

        ServiceSide(Channel client, ClientSide requests) {
            this.client = client;
            this.requests = requests;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
            client.writeAndFlush(requests.responseShim.apply(response.retain()));
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            client.close();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("{}: service connection failed", name, cause);
            ctx.close();
        }
    }

    /**
     * An AWS {@code 500 InternalFailure} in the request's protocol: JSON for the JSON protocols (SQS, DynamoDB,
     * recognised by their {@code X-Amz-Target} header), an XML {@code ErrorResponse} for the Query protocol (SNS).
     */
    private FullHttpResponse injectedError(FullHttpRequest request) {
        String requestId = UUID.randomUUID().toString();
        String message = "Injected fault: " + name + " answers this request with an error";
        boolean json = request.headers().contains("X-Amz-Target");
        String body = json
                ? "{\"__type\":\"InternalFailure\",\"message\":\"" + message + "\"}"
                : "<ErrorResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><Error><Type>Receiver</Type>"
                        + "<Code>InternalFailure</Code><Message>" + message + "</Message></Error>"
                        + "<RequestId>" + requestId + "</RequestId></ErrorResponse>";
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.INTERNAL_SERVER_ERROR, Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, json ? "application/x-amz-json-1.0" : "text/xml")
                .set("x-amzn-RequestId", requestId)
                .set(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
        HttpUtil.setKeepAlive(response, HttpUtil.isKeepAlive(request));
        return response;
    }
}
