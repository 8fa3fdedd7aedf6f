package io.lpmos.engine.tls;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A server identity for HTTPS: a private key and its certificate chain, server certificate first.
 * Immutable and thread-safe. {@link #toString()} names the certificate, never the key.
 *
 * @param privateKey the key the server certificate was issued for
 * @param chain      the server certificate, then any intermediates; never empty
 */
public record TlsCredentials(PrivateKey privateKey, List<X509Certificate> chain) {
    private static final String KEY_ALIAS = "server";

    public TlsCredentials {
        Objects.requireNonNull(privateKey, "privateKey");
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a certificate chain needs at least the server certificate");
        }
    }

    /** The server (leaf) certificate. */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /**
     * SHA-256 of the server certificate's DER encoding as colon-separated upper-case hex, the form
     * {@code openssl x509 -noout -fingerprint -sha256} and browsers show.
     */
    public String sha256Fingerprint() {
        try {
            return fingerprint(certificate().getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("the certificate cannot be encoded", e);
        }
    }

    /**
     * The public-key pin {@code curl --pinnedpubkey} takes: {@code sha256//} followed by the base64
     * SHA-256 of the certificate's SubjectPublicKeyInfo. It survives re-issuing a certificate for the
     * same key.
     */
    public String publicKeyPin() {
        return "sha256//" + Base64.getEncoder().encodeToString(sha256(certificate().getPublicKey().getEncoded()));
    }

    /** Colon-separated upper-case hex SHA-256 of some DER bytes, e.g. a certificate's encoding. */
    public static String fingerprint(byte[] der) {
        HexFormat hex = HexFormat.ofDelimiter(":").withUpperCase();
        return hex.formatHex(sha256(der));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * An in-memory PKCS#12 key store holding this identity under one entry, protected by
     * {@code password} (which never leaves the process).
     */
    public KeyStore toKeyStore(char[] password) throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot create an empty key store", e);
        }
        store.setKeyEntry(KEY_ALIAS, privateKey, password, chain.toArray(new X509Certificate[0]));
        return store;
    }

    /**
     * An operator warning when the server certificate is not valid at {@code now} (clients will
     * refuse it), or empty when it is.
     */
    public Optional<String> validityWarning(Instant now) {
        X509Certificate leaf = certificate();
        Instant notBefore = leaf.getNotBefore().toInstant();
        Instant notAfter = leaf.getNotAfter().toInstant();
        String subject = leaf.getSubjectX500Principal().getName();
        if (now.isAfter(notAfter)) {
            return Optional.of("TLS certificate " + subject + " expired on " + notAfter
                    + " — clients will refuse it; renew it and restart the HTTP service");
        }
        if (now.isBefore(notBefore)) {
            return Optional.of("TLS certificate " + subject + " is not valid before " + notBefore
                    + " — clients will refuse it; check this machine's clock");
        }
        return Optional.empty();
    }

    /** Subject, validity and fingerprint of the server certificate; the key is never shown. */
    @Override
    public String toString() {
        X509Certificate leaf = certificate();
        return String.format(Locale.ROOT, "TlsCredentials[%s, %s key, valid %s..%s, sha256 %s]",
                leaf.getSubjectX500Principal().getName(), privateKey.getAlgorithm(),
                leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant(), sha256Fingerprint());
    }
}
