package io.lpmos.engine.http;

import io.lpmos.engine.net.Cidr;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses clients outside the {@code --allow} networks with 403 and a warning naming the client;
 * IPv4-mapped IPv6 clients match IPv4 networks. Thread-safe; one instance serves every request.
 */
final class AllowListHandler extends Handler.Wrapper {
    private static final Logger LOG = LoggerFactory.getLogger(AllowListHandler.class);
    private final List<Cidr> allowed;

    AllowListHandler(List<Cidr> allowed, Handler next) {
        super(next);
        this.allowed = List.copyOf(allowed);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        SocketAddress remote = request.getConnectionMetaData().getRemoteSocketAddress();
        InetAddress client = remote instanceof InetSocketAddress inet ? inet.getAddress() : null;
        if (client != null && allowed.stream().anyMatch(cidr -> cidr.contains(client))) {
            return super.handle(request, response, callback);
        }
        LOG.warn("refused {} {} from {}: not in --allow {}", request.getMethod(), request.getHttpURI().getPath(),
                client != null ? client.getHostAddress() : remote, allowed);
        HttpErrors.text(response, callback, HttpStatus.FORBIDDEN_403, "403 forbidden: your address is not allowed");
        return true;
    }
}
