package io.lpmos.engine.tls;

import io.lpmos.engine.lifecycle.ServiceException;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Loads an HTTPS identity from the operator's PEM files ({@code --tls-cert}, {@code --tls-key}).
 *
 * <p>The certificate file holds the server certificate followed by any intermediates. The key file
 * holds one unencrypted private key as PKCS#8 ({@code PRIVATE KEY}), PKCS#1 ({@code RSA PRIVATE KEY})
 * or SEC 1 ({@code EC PRIVATE KEY}, optionally after an {@code EC PARAMETERS} block as
 * {@code openssl ecparam -genkey} writes it). RSA, EC and EdDSA keys are accepted, and the key must
 * belong to the first certificate.
 *
 * <p>BouncyCastle is used as a parser only: keys and certificates are built by the JDK's own
 * providers, and no security provider is registered. Every problem is reported as a
 * {@link ServiceException} naming the file, what is wrong and what to do; key material never appears
 * in a message. Stateless and thread-safe.
 */
public final class PemCredentials {
    /** Larger files are refused unread: a PEM chain is a few KiB, a key less than that. */
    static final int MAX_PEM_BYTES = 1024 * 1024;

    private static final String CERT_FLAG = "--tls-cert";
    private static final String KEY_FLAG = "--tls-key";

    private PemCredentials() {
    }

    /**
     * Reads both files and checks that the key belongs to the server certificate.
     *
     * @throws ServiceException with an operator-worded message, e.g. "cannot read TLS key
     *                          /etc/lpmos/key.pem: not a PEM private key — ..."
     */
    public static TlsCredentials load(Path certificateFile, Path keyFile) throws ServiceException {
        List<X509Certificate> chain = readCertificates(certificateFile);
        PrivateKey key = readPrivateKey(keyFile);
        int index = indexOfCertificateFor(key, chain, keyFile);
        if (index < 0) {
            throw new ServiceException("TLS key " + keyFile + " does not belong to the certificate in " + certificateFile
                    + " — give the key the certificate was issued for (compare `openssl x509 -noout -pubkey -in "
                    + certificateFile + "` with `openssl pkey -pubout -in " + keyFile + "`)");
        }
        if (index > 0) {
            throw new ServiceException("TLS certificate " + certificateFile + ": the certificate for key " + keyFile
                    + " is number " + (index + 1) + " in the file — put the server certificate first,"
                    + " then its intermediate certificates");
        }
        return new TlsCredentials(key, chain);
    }

    /** The certificates of a PEM file, in file order; never empty. */
    static List<X509Certificate> readCertificates(Path file) throws ServiceException {
        List<Object> blocks = parse(file, "certificate", CERT_FLAG);
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        List<X509Certificate> certificates = new ArrayList<>();
        boolean privateKeySeen = false;
        for (Object block : blocks) {
            if (block instanceof X509CertificateHolder holder) {
                try {
                    certificates.add(converter.getCertificate(holder));
                } catch (CertificateException e) {
                    throw problem("certificate", file, "certificate number " + (certificates.size() + 1)
                            + " cannot be decoded (" + e.getMessage() + ")", "check that the file is intact");
                }
            } else if (isPrivateKey(block)) {
                privateKeySeen = true;
            }
        }
        if (!certificates.isEmpty()) {
            return certificates;
        }
        if (privateKeySeen) {
            throw problem("certificate", file, "it holds a private key, not a certificate",
                    "did you swap " + CERT_FLAG + " and " + KEY_FLAG + "?");
        }
        if (blocks.isEmpty()) {
            throw problem("certificate", file, "not a PEM certificate (no -----BEGIN CERTIFICATE----- block)",
                    "if it is DER, convert it: openssl x509 -inform der -in " + file + " -out cert.pem");
        }
        throw problem("certificate", file, "it holds no CERTIFICATE block",
                "give the server certificate (and its intermediates) in PEM form with " + CERT_FLAG);
    }

    /** The one unencrypted private key of a PEM file. */
    static PrivateKey readPrivateKey(Path file) throws ServiceException {
        List<Object> blocks = parse(file, "key", KEY_FLAG);
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter()
                .setAlgorithmMapping(X9ObjectIdentifiers.id_ecPublicKey, "EC");
        List<PrivateKey> keys = new ArrayList<>();
        boolean certificateSeen = false;
        boolean publicKeySeen = false;
        for (Object block : blocks) {
            if (block instanceof PKCS8EncryptedPrivateKeyInfo || block instanceof PEMEncryptedKeyPair) {
                throw problem("key", file, "the private key is encrypted",
                        "give an unencrypted key, e.g. openssl pkey -in " + file + " -out key-plain.pem"
                                + " (readable only by the user running the server)");
            }
            try {
                if (block instanceof PEMKeyPair pair) {
                    keys.add(converter.getPrivateKey(pair.getPrivateKeyInfo()));
                } else if (block instanceof PrivateKeyInfo info) {
                    keys.add(converter.getPrivateKey(info));
                }
            } catch (PEMException e) {
                throw problem("key", file, "the private key cannot be decoded (" + e.getMessage() + ")",
                        "use an RSA or EC key in PEM form");
            }
            certificateSeen |= block instanceof X509CertificateHolder;
            publicKeySeen |= block instanceof SubjectPublicKeyInfo;
        }
        if (keys.size() == 1) {
            return keys.get(0);
        }
        if (keys.size() > 1) {
            throw problem("key", file, "it holds " + keys.size() + " private keys", "keep only the server's key in it");
        }
        if (certificateSeen) {
            throw problem("key", file, "it holds a certificate, not a private key",
                    "did you swap " + CERT_FLAG + " and " + KEY_FLAG + "?");
        }
        if (publicKeySeen) {
            throw problem("key", file, "it holds a public key, not the private key",
                    "give the private key the certificate was issued for");
        }
        throw problem("key", file, "not a PEM private key (no PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY block)",
                "give the server's private key in PEM form; convert DER with openssl pkey -inform der -in "
                        + file + " -out key.pem");
    }

    private static boolean isPrivateKey(Object block) {
        return block instanceof PEMKeyPair || block instanceof PrivateKeyInfo
                || block instanceof PKCS8EncryptedPrivateKeyInfo || block instanceof PEMEncryptedKeyPair;
    }

    /** Every PEM block of the file, decoded by BouncyCastle; text outside blocks is ignored. */
    private static List<Object> parse(Path file, String what, String flag) throws ServiceException {
        String text = read(file, what, flag);
        List<Object> blocks = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(text))) {
            for (Object block = parser.readObject(); block != null; block = parser.readObject()) {
                blocks.add(block);
            }
        } catch (IOException | RuntimeException e) {
            throw problem(what, file, "malformed PEM data (" + describe(e) + ")",
                    "check that the file is complete and was not altered");
        }
        return blocks;
    }

    /** Reads at most {@link #MAX_PEM_BYTES}; works for pipes such as {@code --tls-key <(vault read ...)}. */
    private static String read(Path file, String what, String flag) throws ServiceException {
        if (Files.isDirectory(file)) {
            throw problem(what, file, "it is a folder", "give the PEM file itself with " + flag);
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_PEM_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw problem(what, file, "no such file", "check the path given with " + flag);
        } catch (AccessDeniedException e) {
            throw problem(what, file, "permission denied", "make it readable by the user running the server"
                    + (KEY_FLAG.equals(flag) ? " and by no one else" : ""));
        } catch (IOException e) {
            throw problem(what, file, describe(e), "check the path given with " + flag);
        }
        if (bytes.length > MAX_PEM_BYTES) {
            throw problem(what, file, "larger than 1 MiB, too large for a PEM file", "check the path given with " + flag);
        }
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static int indexOfCertificateFor(PrivateKey key, List<X509Certificate> chain, Path keyFile)
            throws ServiceException {
        String algorithm = signatureAlgorithm(key);
        if (algorithm == null) {
            throw problem("key", keyFile, "a " + key.getAlgorithm() + " key cannot serve HTTPS here",
                    "use an RSA, EC or Ed25519 key");
        }
        byte[] challenge = new byte[32];
        new SecureRandom().nextBytes(challenge);
        byte[] signature;
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            signature = signer.sign();
        } catch (GeneralSecurityException e) {
            throw problem("key", keyFile, "the private key cannot sign (" + describe(e) + ")",
                    "check that the key is intact");
        }
        for (int i = 0; i < chain.size(); i++) {
            if (verifies(algorithm, chain.get(i).getPublicKey(), challenge, signature)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean verifies(String algorithm, PublicKey publicKey, byte[] data, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(data);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static String signatureAlgorithm(PrivateKey key) {
        return switch (key.getAlgorithm().toUpperCase(Locale.ROOT)) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "EDDSA", "ED25519", "ED448" -> key.getAlgorithm();
            default -> null;
        };
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private static ServiceException problem(String what, Path file, String problem, String nextStep) {
        return new ServiceException("cannot read TLS " + what + " " + file + ": " + problem + " — " + nextStep);
    }
}
