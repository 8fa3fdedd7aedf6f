package io.lpmos.engine.testing;

import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * A tiny certificate authority for tests: RSA and EC keys, a self-signed CA, server certificates it
 * issues, and PEM files in the formats operators bring (PKCS#8, PKCS#1, SEC 1). Built with the JDK's
 * providers and BouncyCastle's builders, the way the engine reads them.
 */
public final class TestPki {
    /** A key pair and the certificate issued for it. */
    public record Issued(KeyPair keys, X509Certificate certificate) {
        public PrivateKey privateKey() {
            return keys.getPrivate();
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private TestPki() {
    }

    public static KeyPair rsa() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048, RANDOM);
        return generator.generateKeyPair();
    }

    public static KeyPair ec() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return generator.generateKeyPair();
    }

    /** A CA certificate valid for a day, signed by its own key. */
    public static Issued certificateAuthority(String commonName) throws Exception {
        KeyPair keys = rsa();
        X500Name name = new X500Name("CN=" + commonName);
        X509v3CertificateBuilder builder = builder(name, name, keys, Instant.now(), Duration.ofDays(1))
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        return new Issued(keys, sign(builder, keys.getPrivate()));
    }

    /** A server certificate for {@code 127.0.0.1} and {@code localhost}, issued by {@code ca}. */
    public static Issued serverCertificate(Issued ca, KeyPair keys, Instant notBefore, Duration validity) throws Exception {
        X500Name issuer = X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded());
        GeneralNames names = new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")});
        X509v3CertificateBuilder builder = builder(issuer, new X500Name("CN=localhost"), keys, notBefore, validity)
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.subjectAlternativeName, false, names);
        return new Issued(keys, sign(builder, ca.privateKey()));
    }

    public static Issued serverCertificate(Issued ca, KeyPair keys) throws Exception {
        return serverCertificate(ca, keys, Instant.now(), Duration.ofDays(1));
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys, Instant notBefore,
                                                    Duration validity) {
        return new JcaX509v3CertificateBuilder(issuer, new BigInteger(63, RANDOM).add(BigInteger.ONE),
                Date.from(notBefore.minusSeconds(60)), Date.from(notBefore.plus(validity)), subject, keys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey) throws Exception {
        String algorithm = issuerKey.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
        return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder(algorithm).build(issuerKey)));
    }

    /** Certificates, in order, as CERTIFICATE blocks. */
    public static Path writeCertificates(Path file, X509Certificate... certificates) throws IOException {
        try (JcaPEMWriter pem = new JcaPEMWriter(writer(file))) {
            for (X509Certificate certificate : certificates) {
                pem.writeObject(certificate);
            }
        }
        return file;
    }

    /** An RSA key in OpenSSL's traditional form: an RSA PRIVATE KEY (PKCS#1) block. */
    public static Path writePkcs1RsaKey(Path file, PrivateKey rsaKey) throws IOException {
        try (JcaPEMWriter pem = new JcaPEMWriter(writer(file))) {
            pem.writeObject(rsaKey);
        }
        return file;
    }

    /**
     * An EC key as OpenSSL writes it: an EC PRIVATE KEY (SEC 1) block naming its curve and holding the
     * public point (the JDK's own encoding leaves both out of the inner structure).
     */
    public static Path writeSec1EcKey(Path file, KeyPair ecKeys) throws IOException {
        ECPrivateKey key = (ECPrivateKey) ecKeys.getPrivate();
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
        SubjectPublicKeyInfo publicKey = SubjectPublicKeyInfo.getInstance(ecKeys.getPublic().getEncoded());
        org.bouncycastle.asn1.sec.ECPrivateKey sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(
                key.getParams().getOrder().bitLength(), key.getS(), publicKey.getPublicKeyData(),
                info.getPrivateKeyAlgorithm().getParameters());
        try (JcaPEMWriter pem = new JcaPEMWriter(writer(file))) {
            pem.writeObject(new PemObject("EC PRIVATE KEY", sec1.getEncoded()));
        }
        return file;
    }

    /** The key as an unencrypted PKCS#8 PRIVATE KEY block. */
    public static Path writePkcs8Key(Path file, PrivateKey key) throws IOException {
        try (JcaPEMWriter pem = new JcaPEMWriter(writer(file))) {
            pem.writeObject(new JcaPKCS8Generator(key, null));
        }
        return file;
    }

    private static Writer writer(Path file) throws IOException {
        return Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
    }
}
