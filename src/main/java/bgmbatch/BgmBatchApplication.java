package bgmbatch;

import java.io.PrintStream;

import bgmbatch.cli.Cli;

import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class BgmBatchApplication {

	public static void main(String[] args) {
		PrintStream out = System.out;
		System.exit(new Cli(out, System.err).run(args));
	}

}
