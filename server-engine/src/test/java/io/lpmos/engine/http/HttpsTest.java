package io.lpmos.engine.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lpmos.engine.events.Notice;
import io.lpmos.engine.lifecycle.Service;
import io.lpmos.engine.lifecycle.ServiceException;
import io.lpmos.engine.lifecycle.ServiceState;
import io.lpmos.engine.testing.Curl;
import io.lpmos.engine.testing.ExternalCommand;
import io.lpmos.engine.testing.TestEngine;
import io.lpmos.engine.testing.TestPki;
import io.lpmos.engine.testing.TestPki.Issued;
import io.lpmos.engine.tls.TlsCredentials;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** HTTPS end to end: real curl and the JDK's HttpClient against the engine on 127.0.0.1. */
class HttpsTest {
    private static final Pattern SELF_SIGNED_NOTICE = Pattern.compile(
            "✓ HTTPS with a self-signed certificate for 127\\.0\\.0\\.1 \\(valid until \\S+\\);"
                    + " SHA-256 fingerprint: ((?:[0-9A-F]{2}:){31}[0-9A-F]{2}); public key pin: (sha256//\\S{44})");
    private static final String KERNEL = "/static/kernels/vmlinuz-test";
    private static Issued ca;

    @TempDir
    Path root;
    @TempDir
    Path pki;
    private byte[] kernel;

    @BeforeAll
    static void createCertificateAuthority() throws Exception {
        ca = TestPki.certificateAuthority("LPMOS test CA");
    }

    @BeforeEach
    void writeKernel() throws IOException {
        kernel = new byte[300 * 1024];
        new SecureRandom().nextBytes(kernel);
        Files.createDirectories(root.resolve("static/kernels"));
        Files.write(root.resolve("static/kernels/vmlinuz-test"), kernel);
    }

    @Test
    void selfSignedCertificateServesCurlInsecurelyAndByPin() throws Exception {
        Curl.assumeInstalled();
        try (TestEngine engine = TestEngine.create(root, b -> b.tlsSelfSigned(true)).start()) {
            Matcher notice = selfSignedNotice(engine);
            String pin = notice.group(2);
            Path download = pki.resolve("download");
            String url = engine.uri(KERNEL).toString();
            assertThat(url).startsWith("https://127.0.0.1:");

            ExternalCommand.Result insecure = Curl.run("-k", "-o", download.toString(), "-w", "%{http_code}", url);
            assertThat(insecure.stdout()).isEqualTo("200");
            assertThat(Files.readAllBytes(download)).isEqualTo(kernel);

            assertThat(Curl.run("-o", "/dev/null", url).exitCode()).as("unverified certificate").isEqualTo(60);
            assertThat(Curl.run("-k", "--pinnedpubkey", pin, "-o", "/dev/null", "-w", "%{http_code}", url).stdout())
                    .isEqualTo("200");
            String wrongPin = "sha256//" + "A".repeat(43) + "=";
            assertThat(Curl.run("-k", "--pinnedpubkey", wrongPin, "-o", "/dev/null", url).exitCode())
                    .as("public key mismatch").isEqualTo(90);
            assertThat(Curl.run("-o", "/dev/null", "http://127.0.0.1:" + engine.port() + KERNEL).exitCode())
                    .as("plain HTTP to the HTTPS port").isNotZero();
            assertThat(engine.notices()).extracting(Notice::text).noneMatch(text -> text.contains("PRIVATE"));
        }
    }

    @Test
    void javaClientTrustsTheCertificateByItsFingerprint() throws Exception {
        try (TestEngine engine = TestEngine.create(root, b -> b.tlsSelfSigned(true)).start()) {
            String fingerprint = selfSignedNotice(engine).group(1);
            PinnedCertificate pinned = new PinnedCertificate(fingerprint);

            HttpResponse<String> listing = client(pinned).send(
                    HttpRequest.newBuilder(engine.uri("/api/v1/files/static")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(listing.statusCode()).isEqualTo(200);
            assertThat(listing.body()).contains("\"path\":\"/kernels/vmlinuz-test\"");
            X509Certificate served = pinned.served;
            assertThat(served.getSubjectX500Principal().getName()).contains("CN=127.0.0.1");
            assertThat(Duration.between(served.getNotBefore().toInstant(), served.getNotAfter().toInstant()))
                    .isEqualTo(Duration.ofDays(365).plusHours(1));
            assertThat(served.getSubjectAlternativeNames()).contains(List.of(2, "localhost"), List.of(7, "127.0.0.1"));

            PinnedCertificate other = new PinnedCertificate("00" + fingerprint.substring(2));
            assertThatThrownBy(() -> client(other).send(HttpRequest.newBuilder(engine.uri("/static/")).build(),
                    HttpResponse.BodyHandlers.discarding())).isInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void restartingTheServiceKeepsTheSelfSignedCertificate() throws Exception {
        try (TestEngine engine = TestEngine.create(root, b -> b.tlsSelfSigned(true)).start()) {
            Notice first = engine.awaitNotice(n -> n.text().contains("self-signed"));
            engine.engine().http().stop();
            engine.start();
            Notice second = engine.awaitNotice(n -> n.text().contains("self-signed") && n != first);

            assertThat(fingerprintIn(second)).isEqualTo(fingerprintIn(first));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"rsa-pkcs8", "rsa-pkcs1", "ec-sec1", "ec-pkcs8"})
    void pemCertificateAndKeyAreServedToCurlTrustingTheCa(String keyFormat) throws Exception {
        Curl.assumeInstalled();
        KeyPair keys = keyFormat.startsWith("rsa") ? TestPki.rsa() : TestPki.ec();
        Issued server = TestPki.serverCertificate(ca, keys);
        Path cert = TestPki.writeCertificates(pki.resolve("chain.pem"), server.certificate(), ca.certificate());
        Path key = pki.resolve("key.pem");
        switch (keyFormat) {
            case "rsa-pkcs1" -> TestPki.writePkcs1RsaKey(key, keys.getPrivate());
            case "ec-sec1" -> TestPki.writeSec1EcKey(key, keys);
            default -> TestPki.writePkcs8Key(key, keys.getPrivate());
        }
        Path caFile = TestPki.writeCertificates(pki.resolve("ca.pem"), ca.certificate());

        try (TestEngine engine = TestEngine.create(root, b -> b.tls(cert, key)).start()) {
            Path download = pki.resolve("download");
            ExternalCommand.Result result = Curl.run("--cacert", caFile.toString(), "-o", download.toString(),
                    "-w", "%{http_code} %{ssl_verify_result}", engine.uri(KERNEL).toString());

            assertThat(result.stdout()).as(result.stderr()).isEqualTo("200 0");
            assertThat(Files.readAllBytes(download)).isEqualTo(kernel);
            ExternalCommand.Result redirect = Curl.run("--cacert", caFile.toString(), "-o", "/dev/null",
                    "-w", "%{http_code} %{redirect_url}", engine.uri("/static/kernels").toString());
            assertThat(redirect.stdout()).isEqualTo("301 " + engine.uri("/static/kernels/"));
            assertThat(engine.awaitNotice(n -> n.text().startsWith("✓ HTTPS with certificate")).text())
                    .isEqualTo("✓ HTTPS with certificate CN=localhost from " + cert + " (valid until "
                            + server.certificate().getNotAfter().toInstant() + "); SHA-256 fingerprint: "
                            + TlsCredentials.fingerprint(server.certificate().getEncoded()));
        }
    }

    @Test
    void opensslMadeEcKeyAndCertificateAreServed() throws Exception {
        Curl.assumeInstalled();
        assumeTrue(ExternalCommand.installed("openssl", "version"), "openssl is not installed");
        Path key = pki.resolve("key.pem");
        Path cert = pki.resolve("cert.pem");
        openssl("ecparam", "-name", "prime256v1", "-genkey", "-out", key.toString());
        openssl("req", "-new", "-x509", "-key", key.toString(), "-out", cert.toString(), "-days", "2",
                "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost");
        assertThat(Files.readString(key)).contains("-----BEGIN EC PARAMETERS-----", "-----BEGIN EC PRIVATE KEY-----");

        try (TestEngine engine = TestEngine.create(root, b -> b.tls(cert, key)).start()) {
            ExternalCommand.Result result = Curl.run("--cacert", cert.toString(), "-o", "/dev/null",
                    "-w", "%{http_code}", engine.uri(KERNEL).toString());

            assertThat(result.stdout()).as(result.stderr()).isEqualTo("200");
        }
    }

    @Test
    void expiredCertificateStartsWithAWarning() throws Exception {
        KeyPair keys = TestPki.ec();
        Issued expired = TestPki.serverCertificate(ca, keys, Instant.now().minus(Duration.ofDays(30)), Duration.ofDays(1));
        Path cert = TestPki.writeCertificates(pki.resolve("cert.pem"), expired.certificate());
        Path key = TestPki.writePkcs8Key(pki.resolve("key.pem"), keys.getPrivate());

        try (TestEngine engine = TestEngine.create(root, b -> b.tls(cert, key)).start()) {
            Notice warning = engine.awaitNotice(n -> n.level() == Notice.Level.WARNING);

            assertThat(warning.source()).isEqualTo("http");
            assertThat(warning.text()).startsWith("TLS certificate CN=localhost expired on ");
        }
    }

    @Test
    void unreadableKeyFailsTheServiceWithTheFileNamedAndNothingListening() throws Exception {
        KeyPair keys = TestPki.rsa();
        Path cert = TestPki.writeCertificates(pki.resolve("cert.pem"), TestPki.serverCertificate(ca, keys).certificate());
        Path key = Files.writeString(pki.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\nnot base64 at all!\n");
        int port = freePort();

        try (TestEngine engine = TestEngine.create(root, b -> b.tls(cert, key).apiPort(port))) {
            Service http = engine.engine().http();
            assertThatThrownBy(http::start).isInstanceOf(ServiceException.class)
                    .hasMessageStartingWith("cannot read TLS key " + key + ": malformed PEM data (")
                    .hasMessageEndingWith(" — check that the file is complete and was not altered");

            assertThat(http.state()).isEqualTo(ServiceState.FAILED);
            assertThat(http.failureCause()).startsWith("cannot read TLS key " + key);
            assertNothingListensOn(port);
        }
    }

    @Test
    void keyOfAnotherCertificateFailsStartAllWithAnErrorNotice() throws Exception {
        Path cert = TestPki.writeCertificates(pki.resolve("cert.pem"),
                TestPki.serverCertificate(ca, TestPki.rsa()).certificate());
        Path key = TestPki.writePkcs8Key(pki.resolve("key.pem"), TestPki.rsa().getPrivate());
        int port = freePort();

        try (TestEngine engine = TestEngine.create(root, b -> b.tls(cert, key).apiPort(port))) {
            Map<Service, ServiceException> failures = engine.engine().startAll();

            assertThat(failures).containsOnlyKeys(engine.engine().http());
            String message = failures.get(engine.engine().http()).getMessage();
            assertThat(message).startsWith("TLS key " + key + " does not belong to the certificate in " + cert + " — ");
            assertThat(engine.awaitNotice(n -> n.level() == Notice.Level.ERROR).text()).isEqualTo(message);
            assertThat(engine.engine().http().boundPort()).isEqualTo(-1);
            assertNothingListensOn(port);
        }
    }

    @Test
    void missingCertificateFileIsNamed() throws Exception {
        Path cert = pki.resolve("missing-cert.pem");
        Path key = TestPki.writePkcs8Key(pki.resolve("key.pem"), TestPki.ec().getPrivate());

        try (TestEngine engine = TestEngine.create(root, b -> b.tls(cert, key))) {
            assertThatThrownBy(engine::start).hasMessage("cannot read TLS certificate " + cert
                    + ": no such file — check the path given with --tls-cert");
            assertThat(engine.engine().http().state()).isEqualTo(ServiceState.FAILED);
        }
    }

    private static Matcher selfSignedNotice(TestEngine engine) throws InterruptedException {
        Notice notice = engine.awaitNotice(n -> n.text().contains("self-signed"));
        assertThat(notice.source()).isEqualTo("http");
        return parse(notice);
    }

    private static String fingerprintIn(Notice notice) {
        return parse(notice).group(1);
    }

    private static Matcher parse(Notice notice) {
        Matcher matcher = SELF_SIGNED_NOTICE.matcher(notice.text());
        assertThat(matcher.matches()).as(notice.text()).isTrue();
        return matcher;
    }

    private static HttpClient client(X509TrustManager trust) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {trust}, null);
        return HttpClient.newBuilder().sslContext(context).proxy(HttpClient.Builder.NO_PROXY)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void assertNothingListensOn(int port) {
        assertThatThrownBy(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
            }
        }).isInstanceOf(ConnectException.class);
    }

    private static void openssl(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        ExternalCommand.Result result = ExternalCommand.run(Duration.ofSeconds(30), command);
        assertThat(result.exitCode()).as(result.stderr()).isZero();
    }

    /**
     * Trusts exactly the certificate with one SHA-256 fingerprint, as an operator pins the one the
     * engine announced. The JDK still checks that the certificate names the host (127.0.0.1).
     */
    private static final class PinnedCertificate implements X509TrustManager {
        private final String fingerprint;
        private volatile X509Certificate served;

        PinnedCertificate(String fingerprint) {
            this.fingerprint = fingerprint;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            if (!TlsCredentials.fingerprint(chain[0].getEncoded()).equals(fingerprint)) {
                throw new CertificateException("certificate fingerprint is not the pinned one");
            }
            served = chain[0];
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("no client certificates here");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
