package io.lpmos.engine.http;

import io.lpmos.engine.config.EngineConfig;
import io.lpmos.engine.lifecycle.ServiceException;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** Builds the listening connector: plain HTTP/1.1, or HTTPS when the configuration asks for it. */
final class HttpConnectors {
    private HttpConnectors() {
    }

    static ServerConnector create(Server server, HttpConfiguration httpConfig, EngineConfig config, int selectors)
            throws ServiceException {
        if (config.tlsEnabled()) {
            throw new ServiceException("HTTPS is not available in this build");
        }
        return new ServerConnector(server, 1, selectors, new HttpConnectionFactory(httpConfig));
    }
}
