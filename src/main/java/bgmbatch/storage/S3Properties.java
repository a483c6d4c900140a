package bgmbatch.storage;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of {@code s3://} inputs and outputs ({@code bgm.s3.*}; on the command line
 * {@code s3.name=value}). Credentials are not settings: they come from the AWS SDK's
 * standard chain (environment {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY},
 * {@code ~/.aws/credentials} and {@code AWS_PROFILE}, web identity, container or instance
 * roles).
 *
 * @param endpoint the address of an S3-compatible service (MinIO, Ceph, R2...); empty for AWS
 * @param region the region; empty takes the SDK's chain ({@code AWS_REGION}, the profile),
 * else {@code us-east-1}
 * @param pathStyle address buckets as {@code endpoint/bucket/key} instead of
 * {@code bucket.endpoint/key}; on by default when an endpoint is given, as most
 * S3-compatible services want
 * @param multipartThreshold outputs at least this large are uploaded in parts
 * @param partSize the size of one part (S3 wants at least 5 MB)
 * @param connectTimeout connect timeout of every request
 * @param readTimeout longest silence while reading an answer
 */
@ConfigurationProperties("bgm.s3")
public record S3Properties(String endpoint, String region, Boolean pathStyle,
		@DefaultValue("64MB") DataSize multipartThreshold, @DefaultValue("16MB") DataSize partSize,
		@DefaultValue("15s") Duration connectTimeout, @DefaultValue("2m") Duration readTimeout) {

	public S3Properties {
		endpoint = endpoint == null || endpoint.isBlank() ? null : endpoint.strip();
		region = region == null || region.isBlank() ? null : region.strip();
		multipartThreshold = multipartThreshold == null ? DataSize.ofMegabytes(64) : multipartThreshold;
		partSize = partSize == null ? DataSize.ofMegabytes(16) : partSize;
		connectTimeout = connectTimeout == null ? Duration.ofSeconds(15) : connectTimeout;
		readTimeout = readTimeout == null ? Duration.ofMinutes(2) : readTimeout;
	}

	/** Path-style addressing: as set, else on exactly when an endpoint is given. */
	public boolean usePathStyle() {
		return this.pathStyle != null ? this.pathStyle : this.endpoint != null;
	}

}
