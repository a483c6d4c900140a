package bgmbatch.engine.nemo.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;


/**
 * Where the token comes from. A token given in {@code NEMO_TOKEN} wins. Otherwise the
 * anonymous token is kept on disk with its expiry and reused across runs, because the
 * service hands out only a handful of anonymous tokens per address; the client id it is
 * issued for is created once and kept too. Both files are readable by their owner only.
 * No method returns a token in a message: callers put it in a header and nowhere else.
 * Local file failures are {@link UncheckedIOException}s naming the file, never its content.
 */
public final class TokenStore {

	/** A token this close to expiry is renewed before use rather than after a refusal. */
	private static final Duration EXPIRY_MARGIN = Duration.ofHours(1);

	/** Anonymous tokens live 7 days; used when the service does not say. */
	private static final Duration DEFAULT_LIFETIME = Duration.ofDays(7);

	private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

	private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");

	private final Path folder;

	private final String givenToken;

	private final Issuer issuer;

	private String token;

	private Instant expiresAt;

	/**
	 * @param folder where the client id and the token are kept
	 * @param givenToken a token the user gave, or null
	 * @param issuer asks the service for an anonymous token
	 */
	public TokenStore(Path folder, String givenToken, Issuer issuer) {
		this.folder = folder;
		this.givenToken = givenToken;
		this.issuer = issuer;
	}

	public boolean userGiven() {
		return this.givenToken != null;
	}

	/** The token to send now. */
	public synchronized String token() {
		if (this.givenToken != null) {
			return this.givenToken;
		}
		if (this.token == null) {
			load();
		}
		if (this.token == null || Instant.now().plus(EXPIRY_MARGIN).isAfter(this.expiresAt)) {
			issue();
		}
		return this.token;
	}

	/**
	 * The service refused {@code rejected} (code 1001): get a fresh one, unless another
	 * worker already did.
	 */
	public synchronized void renew(String rejected) {
		if (this.givenToken != null) {
			// never replaced by an anonymous one: the user chose this token
			throw new NemoApiException(NemoApiException.TOKEN_REFUSED, NemoApiException.Kind.GIVEN_TOKEN_REFUSED,
					"use the token given in NEMO_TOKEN", "invalid or expired", 1);
		}
		if (rejected == null || rejected.equals(this.token)) {
			issue();
		}
	}

	/** The persistent client id, created on first use. */
	public synchronized String clientId() {
		Path file = this.folder.resolve("client-id");
		try {
			if (Files.isRegularFile(file)) {
				String id = Files.readString(file, StandardCharsets.UTF_8).strip();
				if (!id.isEmpty()) {
					return id;
				}
			}
			return newClientId();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read the NemoVideo client id in " + file + ": " + ex.getMessage(), ex);
		}
	}

	/** Replaces the client id (the service said it was missing or unknown). */
	public synchronized String newClientId() {
		String id = UUID.randomUUID().toString();
		writePrivate(this.folder.resolve("client-id"), id);
		return id;
	}

	/** Replaces every token this store knows of in a text that is about to be shown. */
	public String redact(String text) {
		if (text == null) {
			return null;
		}
		String result = text;
		String current;
		synchronized (this) {
			current = this.token;
		}
		for (String secret : new String[] { this.givenToken, current }) {
			if (secret != null && !secret.isEmpty()) {
				result = result.replace(secret, "***");
			}
		}
		return result;
	}

	private void issue() {
		Issued issued = this.issuer.issue(clientId());
		if (issued == null) {
			// the service does not know our client id: a new one, asked once more
			issued = this.issuer.issue(newClientId());
		}
		if (issued == null) {
			throw NemoApiException.answered(400, "get an anonymous token", "the service keeps refusing our client id");
		}
		this.token = issued.token();
		this.expiresAt = issued.expiresAt() != null ? issued.expiresAt() : Instant.now().plus(DEFAULT_LIFETIME);
		writePrivate(this.folder.resolve("token"), this.expiresAt.toString() + "\n" + this.token + "\n");
	}

	private void load() {
		Path file = this.folder.resolve("token");
		if (!Files.isRegularFile(file)) {
			return;
		}
		try {
			String[] lines = Files.readString(file, StandardCharsets.UTF_8).split("\n");
			if (lines.length >= 2 && !lines[1].isBlank()) {
				this.expiresAt = Instant.parse(lines[0].strip());
				this.token = lines[1].strip();
			}
		}
		catch (IOException | RuntimeException ex) {
			// an unreadable cache is as good as none: a new token replaces it
			this.token = null;
		}
	}

	private void writePrivate(Path file, String content) {
		try {
			createPrivateFolder();
			Path temp = this.folder.resolve("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp");
			Files.createFile(temp, ownerOnly(OWNER_ONLY));
			try {
				Files.writeString(temp, content, StandardCharsets.UTF_8);
				Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			}
			finally {
				Files.deleteIfExists(temp);
			}
		}
		catch (IOException ex) {
			// the message names the file, never its content
			throw new UncheckedIOException("cannot write " + file + ": " + ex.getClass().getSimpleName(), ex);
		}
	}

	private void createPrivateFolder() throws IOException {
		if (!Files.isDirectory(this.folder)) {
			try {
				Files.createDirectories(this.folder.getParent());
				Files.createDirectory(this.folder, ownerOnly(OWNER_ONLY_DIR));
			}
			catch (FileAlreadyExistsException ex) {
				// another worker made it
			}
		}
	}

	private static FileAttribute<?>[] ownerOnly(Set<PosixFilePermission> permissions) {
		boolean posix = java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
		return posix ? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(permissions) }
				: new FileAttribute<?>[0];
	}

	/** Asks the service for an anonymous token for a client id. */
	@FunctionalInterface
	public interface Issuer {

		/** @return the token, or null when the service does not know the client id */
		Issued issue(String clientId);

	}

	/**
	 * An issued token.
	 * @param token the token
	 * @param expiresAt when it expires, or null when the service did not say
	 */
	public record Issued(String token, Instant expiresAt) {

		@Override
		public String toString() {
			return "Issued[token=***, expiresAt=" + this.expiresAt + "]";
		}

	}

}
