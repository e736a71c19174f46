package io.syncbench.connector.woocommerce.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.HexFormat;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import org.eclipse.osgi.util.NLS;

import io.syncbench.connector.woocommerce.WooCommerceSystem;

/**
 * The TLS trust of a web store whose settings name a certificate file: the system's certificate
 * authorities and, beside them, the certificates of that file, for example the store's own self-signed
 * one. Certificates are still checked in full and host names still verified; nothing is trusted that
 * was not named.
 */
final class StoreTrust {

	private StoreTrust() {
	}

	/**
	 * The content of the certificate file {@code file}.
	 *
	 * @throws IllegalArgumentException naming the setting and the file, if it cannot be read
	 */
	static byte[] read(Path file) {
		try {
			return Files.readAllBytes(file);
		} catch (IOException e) {
			throw new IllegalArgumentException(NLS.bind(Messages.Settings_certificate,
					new Object[] { WooCommerceSystem.TRUSTED_CERTIFICATE, file, e.toString() }), e);
		}
	}

	/** The SHA-256 of a certificate file's content, in hex: which trust a client was made for. */
	static String fingerprint(byte[] content) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)); //$NON-NLS-1$
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("every JDK has SHA-256", e); //$NON-NLS-1$
		}
	}

	/**
	 * A TLS context that trusts the system's authorities and the certificates of {@code content}.
	 *
	 * @param file    the file that {@code content} was read from, for messages
	 * @param content a PEM (or DER) file's content with one or more X.509 certificates
	 * @throws IllegalArgumentException naming the setting and the file, if it holds no certificate
	 */
	static SSLContext context(Path file, byte[] content) {
		Collection<? extends Certificate> named;
		try (InputStream in = new ByteArrayInputStream(content)) {
			named = CertificateFactory.getInstance("X.509").generateCertificates(in); //$NON-NLS-1$
		} catch (IOException | GeneralSecurityException e) {
			throw new IllegalArgumentException(NLS.bind(Messages.Settings_certificate,
					new Object[] { WooCommerceSystem.TRUSTED_CERTIFICATE, file, e.getMessage() }), e);
		}
		if (named.isEmpty()) {
			throw new IllegalArgumentException(NLS.bind(Messages.Settings_certificate,
					new Object[] { WooCommerceSystem.TRUSTED_CERTIFICATE, file, Messages.Settings_noCertificate }));
		}
		try {
			KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
			trusted.load(null, null);
			int n = 0;
			for (X509Certificate authority : systemAuthorities()) {
				trusted.setCertificateEntry("system-" + n++, authority); //$NON-NLS-1$
			}
			n = 0;
			for (Certificate certificate : named) {
				trusted.setCertificateEntry("named-" + n++, certificate); //$NON-NLS-1$
			}
			TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			factory.init(trusted);
			SSLContext context = SSLContext.getInstance("TLS"); //$NON-NLS-1$
			context.init(null, factory.getTrustManagers(), null);
			return context;
		} catch (IOException | GeneralSecurityException e) {
			throw new IllegalStateException("the JDK's TLS support is not usable: " + e.getMessage(), e); //$NON-NLS-1$
		}
	}

	private static X509Certificate[] systemAuthorities() throws GeneralSecurityException {
		TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		factory.init((KeyStore) null);
		for (TrustManager manager : factory.getTrustManagers()) {
			if (manager instanceof X509TrustManager x509) {
				return x509.getAcceptedIssuers();
			}
		}
		return new X509Certificate[0];
	}
}
