package io.syncbench.engine.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

import io.syncbench.sandbox.SandboxStore;

/**
 * A self-signed certificate and its private key for a TLS server in a test, made by the JDK's
 * {@code keytool}: the key store ({@code PKCS12}) for the server, and the certificate alone as a PEM
 * file, which a client trusts explicitly.
 *
 * @param keyStore    the server's key store
 * @param certificate the certificate as PEM, without the key
 */
public record SelfSignedCertificate(Path keyStore, Path certificate) {

	private static final char[] PASSWORD = "test-only".toCharArray(); //$NON-NLS-1$

	/**
	 * Makes a certificate valid for a week for the given names, in {@code folder}.
	 *
	 * @param names the subject alternative names, for example {@code dns:localhost} or {@code ip:127.0.0.1}
	 */
	public static SelfSignedCertificate create(Path folder, String name, String... names)
			throws IOException, InterruptedException {
		Files.createDirectories(folder);
		Path keyStore = folder.resolve(name + ".p12");
		Path certificate = folder.resolve(name + ".pem");
		keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "7",
				"-dname", "CN=" + name, "-ext", "SAN=" + String.join(",", names), "-storetype", "PKCS12", "-keystore",
				keyStore.toString(), "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD));
		keytool("-exportcert", "-rfc", "-alias", name, "-keystore", keyStore.toString(), "-storepass",
				new String(PASSWORD), "-file", certificate.toString());
		return new SelfSignedCertificate(keyStore, certificate);
	}

	/** A TLS context for a server that presents this certificate. */
	public SSLContext serverContext() throws IOException {
		return SandboxStore.tlsContext(keyStore, PASSWORD);
	}

	private static void keytool(String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		command.addAll(List.of(arguments));
		Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
			throw new IOException("keytool " + String.join(" ", arguments) + " failed: " + output); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		}
	}
}
