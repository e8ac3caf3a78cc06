package dev.justsaying.localaws.sns;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of the endpoint: takes each aggregated request (form-encoded body, or a query string such as an
 * UnsubscribeURL), hands it to {@link SnsActions} on the event loop (no handler blocks) and writes the XML back,
 * keeping the connection alive when the client asks.
 */
@ChannelHandler.Sharable
final class SnsHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(SnsHttpHandler.class);
    private static final String CONTENT_TYPE = "text/xml; charset=UTF-8";

    private final SnsActions actions;

    SnsHttpHandler(SnsActions actions) {
        this.actions = actions;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext context, FullHttpRequest request) {
        SnsActions.Response response;
        if (!request.decoderResult().isSuccess()) {
            response = SnsActions.Response.error(SnsException.malformedQueryString("the HTTP request could not be decoded"));
        } else {
            String uri = request.uri();
            int query = uri.indexOf('?');
            byte[] form = ByteBufUtil.getBytes(request.content());
            try {
                response = actions.handle(QueryRequest.parse(form, query < 0 ? null : uri.substring(query + 1)));
            } catch (SnsException malformed) {
                response = SnsActions.Response.error(malformed);
            }
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        ByteBuf body = ByteBufUtil.writeUtf8(context.alloc(), response.xml());
        FullHttpResponse http = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(response.status()), body);
        http.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, CONTENT_TYPE)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes())
                .set("x-amzn-RequestId", response.requestId());
        if (keepAlive) {
            http.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            context.writeAndFlush(http, context.voidPromise());
        } else {
            context.writeAndFlush(http).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        LOG.debug("SNS connection from {} failed", context.channel().remoteAddress(), cause);
        context.close();
    }
}
