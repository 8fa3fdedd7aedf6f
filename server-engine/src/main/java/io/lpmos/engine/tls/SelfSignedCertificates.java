package io.lpmos.engine.tls;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.IPAddress;

/**
 * Generates the certificate of {@code --tls-self-signed}: a fresh RSA-2048 key and a self-signed
 * X.509 v3 server certificate, valid for one year (from one hour before {@code now}, to tolerate
 * clients whose clock is slightly behind). RSA rather than EC because the network bootloaders that
 * fetch over HTTPS (iPXE in particular) have long supported only RSA server keys.
 *
 * <p>The subject is {@code CN=<commonName>, O=LPMOS Regional Client (self-signed)}; the subject
 * alternative names are {@code localhost}, {@code 127.0.0.1}, {@code ::1} and every given host (an IP
 * literal becomes an IP name, anything else a DNS name). Stateless and thread-safe; key generation
 * takes a fraction of a second.
 */
public final class SelfSignedCertificates {
    static final int RSA_KEY_BITS = 2048;
    static final Duration VALIDITY = Duration.ofDays(365);
    static final Duration BACKDATE = Duration.ofHours(1);
    static final String ORGANIZATION = "LPMOS Regional Client (self-signed)";
    private static final List<String> LOOPBACK_NAMES = List.of("localhost", "127.0.0.1", "::1");

    private SelfSignedCertificates() {
    }

    /**
     * @param commonName the subject's CN, e.g. the server IP, or {@code localhost} when none is known
     * @param hosts      extra names clients may use to reach the server (IP literals or DNS names)
     * @param now        the start of the validity period
     * @throws GeneralSecurityException only when the Java runtime lacks RSA or SHA256withRSA
     */
    public static TlsCredentials generate(String commonName, Collection<String> hosts, Instant now)
            throws GeneralSecurityException {
        SecureRandom random = new SecureRandom();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(RSA_KEY_BITS, random);
        KeyPair keys = generator.generateKeyPair();

        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.CN, commonName)
                .addRDN(BCStyle.O, ORGANIZATION)
                .build();
        BigInteger serial = new BigInteger(63, random).add(BigInteger.ONE);
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial,
                Date.from(now.minus(BACKDATE)), Date.from(now.plus(VALIDITY)), subject, keys.getPublic());
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectAlternativeName, false, alternativeNames(hosts))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(keys.getPublic()));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(builder.build(
                    new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
            return new TlsCredentials(keys.getPrivate(), List.of(certificate));
        } catch (CertIOException | OperatorCreationException e) {
            throw new GeneralSecurityException("cannot build a self-signed certificate: " + e.getMessage(), e);
        }
    }

    private static GeneralNames alternativeNames(Collection<String> hosts) {
        Set<String> names = new LinkedHashSet<>(LOOPBACK_NAMES);
        for (String host : hosts) {
            if (host != null && !host.isBlank()) {
                names.add(host.trim());
            }
        }
        List<GeneralName> generalNames = new ArrayList<>();
        for (String name : names) {
            generalNames.add(IPAddress.isValid(name)
                    ? new GeneralName(GeneralName.iPAddress, name)
                    : new GeneralName(GeneralName.dNSName, name));
        }
        return new GeneralNames(generalNames.toArray(new GeneralName[0]));
    }
}
