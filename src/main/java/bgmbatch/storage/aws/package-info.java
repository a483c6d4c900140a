/**
 * The object store on the AWS SDK for Java v2 (S3 module, the JDK's URL-connection HTTP
 * client: no Netty), made on first use; credentials only from the SDK's default chain.
 * <p>
 * May import {@code storage} only.
 */
package bgmbatch.storage.aws;
