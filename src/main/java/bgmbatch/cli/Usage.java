package bgmbatch.cli;

/** The text of --help. */
final class Usage {

	static final String TEXT = """
			Usage: java -jar batch.jar manifest=videos.csv [output=DIR] [engine=local|nemo]
			                           [concurrency=N] [force=true] [state-dir=DIR] [format=mp4|same]
			                           [progress=auto|bar|plain] [quiet=true]
			       java -jar batch.jar jobs [state-dir=DIR]
			       java -jar batch.jar status|abandon|retry-skipped manifest=videos.csv [state-dir=DIR]

			Adds background music to every video of the manifest. Run the same command again
			after a failure or a kill: it resumes where it stopped and never redoes delivered work.

			Settings (also Spring properties bgm.NAME, environment BGM_NAME):
			  manifest=FILE      the manifest CSV: columns video, instruction, optional music, output, id;
			                     video and music may be https:// or s3://bucket/key addresses
			  output=DIR         where outputs and report.csv/report.json go (default: output/ beside the manifest);
			                     or s3://bucket/prefix/ to upload them there
			  engine=NAME        local (ffmpeg on this machine, default) or nemo (NemoVideo cloud)
			  concurrency=N      items worked on at once (default: number of cores)
			  force=true         redo every item, even delivered ones
			  state-dir=DIR      job database, caches and logs (default: $XDG_STATE_HOME/bgm-batch,
			                     else ~/.local/state/bgm-batch, whatever folder the run starts in)
			  format=same        keep each input's container instead of writing MP4
			  progress=MODE      auto (a live bar on a terminal, plain lines otherwise), bar or plain
			  quiet=true         print only the summary at the end
			  heartbeat=1m       plain progress says "still working" after this long without news
			  report-waveforms=N waveform pictures in report.html for the first N delivered items (100)
			  dry-run=true       check the manifest (and, on nemo, the token and balance), print what each
			                     item would do and cost, spend nothing; exit 4 if credits would not suffice
			  allow-private-urls=true  let rows fetch from loopback, link-local and private addresses
			  allow-http-urls=true     accept http:// (unencrypted) addresses
			  remote.NAME=VALUE  fetching limits, e.g. remote.max-size=4GB, remote.cache-size=20GB
			  s3.NAME=VALUE      S3 settings: s3.endpoint=http://minio:9000 (S3-compatible services),
			                     s3.region=eu-west-1, s3.path-style=true; credentials from the AWS chain
			  nemo.NAME=VALUE    cloud engine settings (bgm.nemo.*), e.g. nemo.credits-per-item=50;
			                     the token comes from the environment variable NEMO_TOKEN, else an
			                     anonymous one is obtained once and cached in the state folder

			Commands (for the morning after):
			  jobs               recent executions of every manifest in the state folder
			  status             the latest execution of manifest=FILE and each item's stage
			  abandon            give up a stuck or failed execution: the next run starts a new one
			                     (items keep their progress; nothing paid for is done again)
			  retry-skipped      re-queue skipped items whose files are now in place; then run again
			  explain=true       print each item's plan, and the phrases behind it, and exit without
			                     rendering; explain=json prints one JSON object per row
			  music-library=DIR  tracks to pick from by mood (local engine; tags in DIR/library.csv)
			  max-height=N       scale taller videos down to N pixels high (re-encodes them)
			  true-peak=-1.0     ceiling for every output's true peak, dBTP (local engine; -2 for lossy delivery)
			  report-url=URL     where the output folder is served: the summary gives URL/report.html

			Exit codes:
			  0  every item delivered, or nothing to do
			  1  something failed; run the same command again to resume
			  2  bad invocation, manifest or state folder, or ffmpeg missing; nothing was done
			  3  finished, but some items were skipped (the report says why)
			  4  stopped for credits or plan limits; run again once resolved
			  5  another run into the same output folder, or of the same manifest, is in progress
			""";

	private Usage() {
	}

}
