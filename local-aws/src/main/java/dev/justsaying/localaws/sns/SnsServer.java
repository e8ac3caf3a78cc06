package dev.justsaying.localaws.sns;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An SNS endpoint for one region and account that the AWS SDK's {@code SnsClient} / {@code SnsAsyncClient} talk to
 * (AWS Query protocol). Topics, SQS subscriptions (raw or enveloped, filter policies, FIFO), Publish and PublishBatch,
 * tags. Deliveries into SQS are asynchronous and batched, through the clients {@link SqsDeliveryTargets} names per
 * region; {@link #deliveryStats()} tells how they went. State lives in memory and ends with {@link #close()}.
 */
public final class SnsServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SnsServer.class);
    private static final int MAX_REQUEST_BYTES = 32 * 1024 * 1024;
    /** One event loop: handling takes microseconds and never blocks, and more threads only contend for the cores. */
    private static final int IO_THREADS = 1;
    private static final Duration DELIVERY_GRACE_ON_CLOSE = Duration.ofSeconds(2);

    private final String region;
    private final EventLoopGroup eventLoops;
    private final Channel serverChannel;
    private final SqsDelivery delivery;
    private final int port;

    private SnsServer(String region, EventLoopGroup eventLoops, Channel serverChannel, SqsDelivery delivery) {
        this.region = region;
        this.eventLoops = eventLoops;
        this.serverChannel = serverChannel;
        this.delivery = delivery;
        this.port = ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** Binds 127.0.0.1 on the given port (0 = a free port) and starts serving. */
    public static SnsServer start(String region, String accountId, int port, SqsDeliveryTargets targets) {
        return start(region, accountId, port, targets, SqsDelivery.Limits.DEFAULT);
    }

    /** {@link #start(String, String, int, SqsDeliveryTargets)} with other delivery limits (for tests). */
    static SnsServer start(String region, String accountId, int port, SqsDeliveryTargets targets,
            SqsDelivery.Limits limits) {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(targets, "targets");
        String threadNames = "sns-" + region;
        EventLoopGroup eventLoops = new NioEventLoopGroup(IO_THREADS, new DefaultThreadFactory(threadNames, true));
        SqsDelivery delivery = new SqsDelivery(targets, limits, threadNames);
        try {
            InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
            HandlerSlot handlerSlot = new HandlerSlot();
            ServerBootstrap bootstrap = new ServerBootstrap()
                    .group(eventLoops)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.AUTO_READ, false)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            channel.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_REQUEST_BYTES),
                                    handlerSlot.handler);
                        }
                    });
            Channel channel = bootstrap.bind(new InetSocketAddress(loopback, port)).syncUninterruptibly().channel();
            int boundPort = ((InetSocketAddress) channel.localAddress()).getPort();
            TopicRegistry registry = new TopicRegistry(region, accountId);
            TopicPublisher publisher = new TopicPublisher(delivery, "http://127.0.0.1:" + boundPort);
            handlerSlot.handler = new SnsHttpHandler(new SnsActions(registry, publisher));
            channel.config().setAutoRead(true);
            SnsServer server = new SnsServer(region, eventLoops, channel, delivery);
            LOG.info("SNS endpoint for {} listening on {}", region, server.endpoint());
            return server;
        } catch (UnknownHostException | RuntimeException failed) {
            eventLoops.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            delivery.close();
            throw new IllegalStateException("Could not start the SNS endpoint for " + region + " on port " + port, failed);
        }
    }

    /**
     * Holds the request handler, which needs the bound port (for the URLs in envelopes) and so is made after the bind;
     * connections are accepted only once it is there.
     */
    private static final class HandlerSlot {
        private volatile SnsHttpHandler handler;
    }

    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:<port>}: the endpoint override for SDK clients. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** A snapshot of the deliveries into SQS so far. */
    public DeliveryStats deliveryStats() {
        return delivery.stats();
    }

    /**
     * Stops serving, gives deliveries under way a short grace to finish, cancels the rest and frees the threads.
     */
    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        eventLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        delivery.close(DELIVERY_GRACE_ON_CLOSE);
        LOG.info("SNS endpoint for {} on port {} closed", region, port);
    }
}
