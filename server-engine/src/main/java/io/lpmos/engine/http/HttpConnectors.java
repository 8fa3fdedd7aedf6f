package io.lpmos.engine.http;

import io.lpmos.engine.lifecycle.ServiceException;
import io.lpmos.engine.tls.TlsCredentials;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Builds the one listening connector of the HTTP service: plain HTTP/1.1, or HTTP/1.1 over TLS.
 * Called from the service's start, never concurrently for the same server.
 */
final class HttpConnectors {
    private HttpConnectors() {
    }

    /** A plain HTTP/1.1 connector with {@code selectors} selector threads. */
    static ServerConnector plain(Server server, HttpConfiguration httpConfig, int selectors) {
        return new ServerConnector(server, 1, selectors, new HttpConnectionFactory(httpConfig));
    }

    /**
     * An HTTPS connector serving {@code credentials} with Jetty's default protocols and cipher suites
     * (TLS 1.2 and 1.3, no weak suites). The SNI host check is off: which names a certificate covers
     * is for the client to judge ({@code curl -k}, pinning), not a reason for the server to answer
     * 400. Adds a {@link SecureRequestCustomizer} to {@code httpConfig}, so requests report the
     * {@code https} scheme (redirects then point at https).
     *
     * @throws ServiceException when the JDK cannot hold the key (an unusual key type)
     */
    static ServerConnector https(Server server, HttpConfiguration httpConfig, TlsCredentials credentials,
                                 int selectors)
            throws ServiceException {
        char[] password = randomPassword();
        SslContextFactory.Server tls = new SslContextFactory.Server();
        try {
            tls.setKeyStore(credentials.toKeyStore(password));
        } catch (GeneralSecurityException e) {
            throw new ServiceException("cannot use the TLS key and certificate: " + e.getMessage()
                    + " — use an RSA or EC key", e);
        }
        tls.setKeyStorePassword(new String(password));
        tls.setRenegotiationAllowed(false);
        httpConfig.addCustomizer(new SecureRequestCustomizer(false));
        return new ServerConnector(server, 1, selectors,
                new SslConnectionFactory(tls, HttpVersion.HTTP_1_1.asString()),
                new HttpConnectionFactory(httpConfig));
    }

    /** The in-memory key store's password: random per start, never stored or shown. */
    private static char[] randomPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().withoutPadding().encodeToString(bytes).toCharArray();
    }
}
