package io.lpmos.engine.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lpmos.engine.lifecycle.ServiceException;
import io.lpmos.engine.testing.TestPki;
import io.lpmos.engine.testing.TestPki.Issued;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.OutputEncryptor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemCredentialsTest {
    private static Issued ca;
    private static Issued rsaServer;
    private static Issued ecServer;

    @TempDir
    Path dir;

    @BeforeAll
    static void issueCertificates() throws Exception {
        ca = TestPki.certificateAuthority("LPMOS test CA");
        rsaServer = TestPki.serverCertificate(ca, TestPki.rsa());
        ecServer = TestPki.serverCertificate(ca, TestPki.ec());
    }

    private Path chain(Issued server) throws Exception {
        return TestPki.writeCertificates(dir.resolve("chain.pem"), server.certificate(), ca.certificate());
    }

    @Test
    void loadsPkcs8RsaKeyWithItsChain() throws Exception {
        Path key = TestPki.writePkcs8Key(dir.resolve("key.pem"), rsaServer.privateKey());
        assertThat(Files.readString(key)).startsWith("-----BEGIN PRIVATE KEY-----");

        TlsCredentials credentials = PemCredentials.load(chain(rsaServer), key);

        assertThat(credentials.chain()).containsExactly(rsaServer.certificate(), ca.certificate());
        assertThat(credentials.privateKey().getEncoded()).isEqualTo(rsaServer.privateKey().getEncoded());
    }

    @Test
    void loadsPkcs1RsaKey() throws Exception {
        Path key = TestPki.writePkcs1RsaKey(dir.resolve("key.pem"), rsaServer.privateKey());
        assertThat(Files.readString(key)).startsWith("-----BEGIN RSA PRIVATE KEY-----");

        assertThat(PemCredentials.load(chain(rsaServer), key).certificate()).isEqualTo(rsaServer.certificate());
    }

    @Test
    void loadsSec1EcKey() throws Exception {
        Path key = TestPki.writeSec1EcKey(dir.resolve("key.pem"), ecServer.keys());
        assertThat(Files.readString(key)).startsWith("-----BEGIN EC PRIVATE KEY-----");

        TlsCredentials credentials = PemCredentials.load(chain(ecServer), key);

        assertThat(credentials.privateKey().getAlgorithm()).isEqualTo("EC");
    }

    @Test
    void loadsPkcs8EcKey() throws Exception {
        Path key = TestPki.writePkcs8Key(dir.resolve("key.pem"), ecServer.privateKey());

        assertThat(PemCredentials.load(chain(ecServer), key).certificate()).isEqualTo(ecServer.certificate());
    }

    @Test
    void ignoresTextAroundBlocksAndEcParameters() throws Exception {
        Path key = TestPki.writeSec1EcKey(dir.resolve("key.pem"), ecServer.keys());
        String ecParameters = "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n";
        Files.writeString(key, "issued by the test CA\n" + ecParameters + Files.readString(key) + "\ntrailing note\n");

        assertThat(PemCredentials.load(chain(ecServer), key).privateKey().getAlgorithm()).isEqualTo("EC");
    }

    @Test
    void keyOfAnotherCertificateIsRefused() throws Exception {
        Path cert = chain(rsaServer);
        Path key = TestPki.writePkcs8Key(dir.resolve("key.pem"), TestPki.rsa().getPrivate());

        assertThatThrownBy(() -> PemCredentials.load(cert, key)).isInstanceOf(ServiceException.class)
                .hasMessageStartingWith("TLS key " + key + " does not belong to the certificate in " + cert + " — ");
    }

    @Test
    void serverCertificateMustComeFirst() throws Exception {
        Path cert = TestPki.writeCertificates(dir.resolve("chain.pem"), ca.certificate(), rsaServer.certificate());
        Path key = TestPki.writePkcs8Key(dir.resolve("key.pem"), rsaServer.privateKey());

        assertThatThrownBy(() -> PemCredentials.load(cert, key))
                .hasMessage("TLS certificate " + cert + ": the certificate for key " + key + " is number 2 in the file"
                        + " — put the server certificate first, then its intermediate certificates");
    }

    @Test
    void swappedFilesAreExplained() throws Exception {
        Path cert = chain(rsaServer);
        Path key = TestPki.writePkcs8Key(dir.resolve("key.pem"), rsaServer.privateKey());

        assertThatThrownBy(() -> PemCredentials.load(key, cert))
                .hasMessage("cannot read TLS certificate " + key + ": it holds a private key, not a certificate"
                        + " — did you swap --tls-cert and --tls-key?");
        assertThatThrownBy(() -> PemCredentials.readPrivateKey(cert))
                .hasMessage("cannot read TLS key " + cert + ": it holds a certificate, not a private key"
                        + " — did you swap --tls-cert and --tls-key?");
    }

    @Test
    void garbageIsNotAPemPrivateKey() throws Exception {
        Path key = Files.writeString(dir.resolve("key.pem"), "this is not a key\n");

        assertThatThrownBy(() -> PemCredentials.readPrivateKey(key))
                .hasMessageStartingWith("cannot read TLS key " + key + ": not a PEM private key"
                        + " (no PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY block) — ");
    }

    @Test
    void derCertificateIsNotPemAndConversionIsSuggested() throws Exception {
        Path der = Files.write(dir.resolve("cert.der"), rsaServer.certificate().getEncoded());

        assertThatThrownBy(() -> PemCredentials.readCertificates(der))
                .hasMessage("cannot read TLS certificate " + der + ": not a PEM certificate (no -----BEGIN CERTIFICATE-----"
                        + " block) — if it is DER, convert it: openssl x509 -inform der -in " + der + " -out cert.pem");
    }

    @Test
    void emptyFileIsNotACertificate() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.pem"));

        assertThatThrownBy(() -> PemCredentials.readCertificates(empty))
                .hasMessageStartingWith("cannot read TLS certificate " + empty + ": not a PEM certificate");
    }

    @Test
    void truncatedBlockIsMalformed() throws Exception {
        String pem = Files.readString(chain(rsaServer));
        Path truncated = Files.writeString(dir.resolve("truncated.pem"), pem.substring(0, pem.indexOf("-----END")));

        assertThatThrownBy(() -> PemCredentials.readCertificates(truncated))
                .hasMessageStartingWith("cannot read TLS certificate " + truncated + ": malformed PEM data (")
                .hasMessageEndingWith(" — check that the file is complete and was not altered");
    }

    @Test
    void corruptBase64IsMalformed() throws Exception {
        Path corrupt = Files.writeString(dir.resolve("corrupt.pem"),
                "-----BEGIN CERTIFICATE-----\n!!!! not base64 ****\n-----END CERTIFICATE-----\n");

        assertThatThrownBy(() -> PemCredentials.readCertificates(corrupt))
                .hasMessageStartingWith("cannot read TLS certificate " + corrupt + ": malformed PEM data (");
    }

    @Test
    void certificateBlockWithWrongContentIsMalformed() throws Exception {
        String body = Base64.getMimeEncoder().encodeToString("definitely not DER".getBytes(StandardCharsets.US_ASCII));
        Path wrong = Files.writeString(dir.resolve("wrong.pem"),
                "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n");

        assertThatThrownBy(() -> PemCredentials.readCertificates(wrong))
                .hasMessageStartingWith("cannot read TLS certificate " + wrong + ": malformed PEM data (");
    }

    @Test
    void encryptedKeyIsRefusedWithTheCommandToDecryptIt() throws Exception {
        OutputEncryptor encryptor = new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC)
                .setProvider(new BouncyCastleProvider()).setPassword("secret".toCharArray()).build();
        Path key = dir.resolve("key.pem");
        try (JcaPEMWriter pem = new JcaPEMWriter(Files.newBufferedWriter(key))) {
            pem.writeObject(new JcaPKCS8Generator(rsaServer.privateKey(), encryptor));
        }
        assertThat(Files.readString(key)).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");

        assertThatThrownBy(() -> PemCredentials.readPrivateKey(key))
                .hasMessage("cannot read TLS key " + key + ": the private key is encrypted — give an unencrypted key,"
                        + " e.g. openssl pkey -in " + key + " -out key-plain.pem (readable only by the user running the server)");
    }

    @Test
    void publicKeyIsNotThePrivateKey() throws Exception {
        Path key = dir.resolve("public.pem");
        try (JcaPEMWriter pem = new JcaPEMWriter(Files.newBufferedWriter(key))) {
            pem.writeObject(rsaServer.certificate().getPublicKey());
        }

        assertThatThrownBy(() -> PemCredentials.readPrivateKey(key))
                .hasMessage("cannot read TLS key " + key + ": it holds a public key, not the private key"
                        + " — give the private key the certificate was issued for");
    }

    @Test
    void twoKeysAreAmbiguous() throws Exception {
        Path key = dir.resolve("keys.pem");
        try (JcaPEMWriter pem = new JcaPEMWriter(Files.newBufferedWriter(key))) {
            pem.writeObject(rsaServer.privateKey());
            pem.writeObject(new JcaPKCS8Generator(ecServer.privateKey(), null));
        }

        assertThatThrownBy(() -> PemCredentials.readPrivateKey(key))
                .hasMessage("cannot read TLS key " + key + ": it holds 2 private keys — keep only the server's key in it");
    }

    @Test
    void missingFileFolderAndHugeFileAreNamed() throws Exception {
        Path missing = dir.resolve("nope.pem");
        assertThatThrownBy(() -> PemCredentials.readPrivateKey(missing))
                .hasMessage("cannot read TLS key " + missing + ": no such file — check the path given with --tls-key");
        assertThatThrownBy(() -> PemCredentials.readCertificates(dir))
                .hasMessage("cannot read TLS certificate " + dir + ": it is a folder — give the PEM file itself with --tls-cert");
        Path huge = Files.write(dir.resolve("huge.pem"), new byte[PemCredentials.MAX_PEM_BYTES + 1]);
        assertThatThrownBy(() -> PemCredentials.readCertificates(huge))
                .hasMessage("cannot read TLS certificate " + huge + ": larger than 1 MiB, too large for a PEM file"
                        + " — check the path given with --tls-cert");
    }

    @Test
    void messagesNeverContainKeyMaterial() throws Exception {
        Path key = TestPki.writePkcs8Key(dir.resolve("key.pem"), TestPki.rsa().getPrivate());
        String keyBody = Files.readString(key).lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();

        assertThatThrownBy(() -> PemCredentials.load(chain(rsaServer), key)).message().doesNotContain(keyBody);
    }

    @Test
    void credentialsReportExpiryAndHideTheKey() throws Exception {
        KeyPair keys = TestPki.ec();
        Issued expired = TestPki.serverCertificate(ca, keys, Instant.now().minus(Duration.ofDays(10)), Duration.ofDays(2));
        TlsCredentials credentials = new TlsCredentials(keys.getPrivate(), List.of(expired.certificate()));

        assertThat(credentials.validityWarning(Instant.now())).get().asString()
                .startsWith("TLS certificate CN=localhost expired on ")
                .endsWith(" — clients will refuse it; renew it and restart the HTTP service");
        assertThat(credentials.validityWarning(Instant.now().minus(Duration.ofDays(9)))).isEmpty();
        assertThat(credentials.validityWarning(Instant.now().minus(Duration.ofDays(20)))).get().asString()
                .contains(" is not valid before ").endsWith("check this machine's clock");
        PrivateKey key = keys.getPrivate();
        assertThat(credentials.toString()).contains("CN=localhost", credentials.sha256Fingerprint())
                .doesNotContain(Base64.getEncoder().encodeToString(key.getEncoded()).substring(0, 40));
    }
}
