/**
 * The application: {@code main}, the Spring Boot context and the settings every part
 * reads ({@code bgm.*}). It wires the packages together and owns nothing else.
 * <p>
 * May import every package below it; no package imports it back except to read the
 * settings record (which is meant to move down, issue 16 item 2).
 */
package bgmbatch;
