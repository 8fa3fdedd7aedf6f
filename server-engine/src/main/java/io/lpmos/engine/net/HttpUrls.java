package io.lpmos.engine.net;

/** How the HTTP service's address is written as a URL, for everything that hands it to clients. */
public final class HttpUrls {
    private HttpUrls() {
    }

    /**
     * {@code http://host:port} ({@code https} with TLS), an IPv6 host in brackets; no trailing slash,
     * so that {@code base + "/static/..."} is a path.
     */
    public static String base(boolean tls, String host, int port) {
        return (tls ? "https" : "http") + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
