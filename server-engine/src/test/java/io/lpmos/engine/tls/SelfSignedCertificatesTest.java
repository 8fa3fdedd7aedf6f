package io.lpmos.engine.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class SelfSignedCertificatesTest {
    private static final int DNS_NAME = 2;
    private static final int IP_ADDRESS = 7;

    @Test
    void certificateNamesTheServerAndLoopbackForOneYear() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        TlsCredentials credentials = SelfSignedCertificates.generate("192.168.246.140",
                List.of("192.168.246.140", "pxe.example.test"), now);
        X509Certificate certificate = credentials.certificate();

        assertThat(certificate.getSubjectX500Principal().getName())
                .isEqualTo("O=LPMOS Regional Client (self-signed),CN=192.168.246.140");
        assertThat(certificate.getIssuerX500Principal()).isEqualTo(certificate.getSubjectX500Principal());
        certificate.verify(certificate.getPublicKey());
        assertThat(certificate.getNotBefore().toInstant()).isEqualTo(now.minus(Duration.ofHours(1)));
        assertThat(certificate.getNotAfter().toInstant()).isEqualTo(now.plus(Duration.ofDays(365)));
        assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
        assertThat(certificate.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(certificate.getPublicKey()).isInstanceOf(RSAPublicKey.class);
        assertThat(((RSAPublicKey) certificate.getPublicKey()).getModulus().bitLength()).isEqualTo(2048);
        assertThat(alternativeNames(certificate)).containsExactly(
                List.of(DNS_NAME, "localhost"), List.of(IP_ADDRESS, "127.0.0.1"), List.of(IP_ADDRESS, "0:0:0:0:0:0:0:1"),
                List.of(IP_ADDRESS, "192.168.246.140"), List.of(DNS_NAME, "pxe.example.test"));
    }

    @Test
    void unknownServerIpLeavesLoopbackNamesOnly() throws Exception {
        X509Certificate certificate = SelfSignedCertificates.generate("localhost", java.util.Arrays.asList(null, " "),
                Instant.now()).certificate();

        assertThat(certificate.getSubjectX500Principal().getName()).endsWith("CN=localhost");
        assertThat(alternativeNames(certificate)).hasSize(3);
    }

    @Test
    void fingerprintAndPinMatchTheCertificate() throws Exception {
        TlsCredentials credentials = SelfSignedCertificates.generate("localhost", List.of(), Instant.now());
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(credentials.certificate().getEncoded());

        assertThat(credentials.sha256Fingerprint())
                .isEqualTo(HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest))
                .matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
        assertThat(credentials.publicKeyPin()).startsWith("sha256//").hasSize("sha256//".length() + 44);
    }

    @Test
    void twoGenerationsDiffer() throws Exception {
        TlsCredentials first = SelfSignedCertificates.generate("localhost", List.of(), Instant.now());
        TlsCredentials second = SelfSignedCertificates.generate("localhost", List.of(), Instant.now());

        assertThat(first.sha256Fingerprint()).isNotEqualTo(second.sha256Fingerprint());
        assertThat(first.certificate().getSerialNumber()).isNotEqualTo(second.certificate().getSerialNumber()).isPositive();
    }

    @Test
    void keyStoreHoldsTheIdentity() throws Exception {
        TlsCredentials credentials = SelfSignedCertificates.generate("localhost", List.of(), Instant.now());
        char[] password = "in-memory".toCharArray();
        KeyStore store = credentials.toKeyStore(password);

        assertThat(store.size()).isEqualTo(1);
        String alias = store.aliases().nextElement();
        assertThat(store.getKey(alias, password)).isEqualTo(credentials.privateKey());
        assertThat(store.getCertificate(alias)).isEqualTo(credentials.certificate());
    }

    private static List<List<?>> alternativeNames(X509Certificate certificate) throws Exception {
        Collection<List<?>> names = certificate.getSubjectAlternativeNames();
        return names == null ? List.of() : List.copyOf(names);
    }
}
