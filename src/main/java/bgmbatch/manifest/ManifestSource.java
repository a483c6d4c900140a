package bgmbatch.manifest;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The manifest file itself: where it is, and a fingerprint of what it says. */
public record ManifestSource(Path path, String sha256) {

	/**
	 * Reads the file once to fingerprint it.
	 * @throws ManifestException when it cannot be read
	 */
	public static ManifestSource of(Path path) {
		Path absolute = path.toAbsolutePath().normalize();
		if (!Files.isRegularFile(absolute)) {
			throw new ManifestException("manifest " + absolute + " does not exist or is not a file");
		}
		try (InputStream in = new DigestInputStream(Files.newInputStream(absolute), sha256Digest())) {
			in.transferTo(java.io.OutputStream.nullOutputStream());
			return new ManifestSource(absolute, HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest()));
		}
		catch (IOException ex) {
			throw new ManifestException("cannot read manifest " + absolute + ": " + ex.getMessage(), ex);
		}
	}

	public Path folder() {
		return this.path.getParent();
	}

	/** A strict UTF-8 reader: a file in another encoding fails loudly rather than garbling paths. */
	Reader open() throws IOException {
		CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		return new InputStreamReader(Files.newInputStream(this.path), decoder);
	}

	private static MessageDigest sha256Digest() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java runtime has SHA-256", ex);
		}
	}

}
