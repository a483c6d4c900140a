package bgmbatch.media;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandRunnerTest {

	private final CommandRunner runner = new CommandRunner();

	@Test
	void aProgramOnThePathIsInstalled() {
		assertThatCode(() -> this.runner.requireInstalled("ffprobe")).doesNotThrowAnyException();
	}

	@Test
	void aProgramNotOnThePathIsMissingWithHowToInstallIt() {
		assertThatThrownBy(() -> this.runner.requireInstalled("no-such-program-bgm"))
			.isInstanceOf(MissingToolException.class)
			.hasMessage("no-such-program-bgm is not installed or not on the PATH. Install it with: apt-get install -y ffmpeg");
	}

}
