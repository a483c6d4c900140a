package bgmbatch.manifest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ManifestReaderTest {

	@TempDir
	Path dir;

	@Test
	void readsRowsResolvingPathsAgainstTheManifestFolder() throws IOException {
		List<ManifestRow> rows = read("video,instruction,music,output,id\n"
				+ "clips/a.mp4,add upbeat music,music/song.mp3,a-out.mp4,first\n" + "b.mov,add calm music,,,\n");
		assertThat(rows).hasSize(2);
		assertThat(rows.get(0).video()).isEqualTo(this.dir.resolve("clips/a.mp4"));
		assertThat(rows.get(0).music()).isEqualTo(this.dir.resolve("music/song.mp3"));
		assertThat(rows.get(0).output()).isEqualTo(this.dir.resolve("out/a-out.mp4"));
		assertThat(rows.get(0).id()).isEqualTo("first");
		assertThat(rows.get(1).id()).isEqualTo("row-2");
		assertThat(rows.get(1).music()).isNull();
		assertThat(rows.get(1).output()).isEqualTo(this.dir.resolve("out/b.mp4"));
	}

	@Test
	void defaultOutputKeepsTheContainerWhenAsked() throws IOException {
		Path manifest = write("video,instruction\nb.mkv,x\n");
		List<ManifestRow> rows = new ArrayList<>();
		try (ManifestReader.Cursor cursor = new ManifestReader(ManifestSource.of(manifest), this.dir.resolve("out"), true)
			.open()) {
			rows.add(cursor.next());
		}
		assertThat(rows.get(0).output().getFileName().toString()).isEqualTo("b.mkv");
	}

	@Test
	void byteOrderMarkIsIgnored() throws IOException {
		Path manifest = this.dir.resolve("bom.csv");
		Files.write(manifest, ("\uFEFFvideo,instruction\na.mp4,hi\n").getBytes(StandardCharsets.UTF_8));
		assertThat(read(manifest)).singleElement().satisfies((row) -> assertThat(row.instruction()).isEqualTo("hi"));
	}

	@Test
	void quotedFieldsMayHoldCommasQuotesAndNewlines() throws IOException {
		List<ManifestRow> rows = read("video,instruction\n"
				+ "a.mp4,\"add music, then \"\"fade\"\" it\nout at the end\"\n" + "b.mp4,plain\n");
		assertThat(rows.get(0).instruction()).isEqualTo("add music, then \"fade\" it\nout at the end");
		assertThat(rows.get(1).line()).isEqualTo(4);
	}

	@Test
	void commentAndBlankLinesAreSkipped() throws IOException {
		List<ManifestRow> rows = read("# nightly batch\nvideo,instruction\n\n# a comment\na.mp4,x\n\n\r\nb.mp4,y\n");
		assertThat(rows).extracting(ManifestRow::id).containsExactly("row-1", "row-2");
	}

	@Test
	void crlfLineEndingsAreRead() throws IOException {
		List<ManifestRow> rows = read("video,instruction\r\na.mp4,x\r\nb.mp4,y\r\n");
		assertThat(rows).extracting((row) -> row.video().getFileName().toString()).containsExactly("a.mp4", "b.mp4");
	}

	@Test
	void languageColumnIsReadAndEmptyMeansDetect() throws IOException {
		List<ManifestRow> rows = read("video,instruction,language\na.mp4,musica calma,pt-BR\nb.mp4,calm music,\n");
		assertThat(rows).extracting(ManifestRow::language).containsExactly("pt-BR", "");
		assertRejected("video,instruction,language\na.mp4,x," + "x".repeat(41) + "\n", "column 'language'",
				"name a language");
	}

	@Test
	void headerlessFileIsRejected() {
		assertRejected("", "has no header");
	}

	@Test
	void missingVideoColumnIsNamed() {
		assertRejected("instruction,music\nx,y\n", "column 'video'", "no 'video' column");
	}

	@Test
	void missingInstructionColumnIsNamed() {
		assertRejected("video\na.mp4\n", "column 'instruction'");
	}

	@Test
	void columnsTheJobDoesNotUseAreKeptAsNotesInTheHeadersOrder() throws IOException {
		List<ManifestRow> rows = read("video,instruction, Notes ,shot by\na.mp4,x,\"take 2, best\",Ana\nb.mp4,y\n");
		assertThat(rows.get(0).notes()).containsExactly(org.assertj.core.api.Assertions.entry("Notes", "take 2, best"),
				org.assertj.core.api.Assertions.entry("shot by", "Ana"));
		assertThat(rows.get(1).notes()).containsEntry("Notes", "").containsEntry("shot by", "");
	}

	@Test
	void misspeltColumnIsRefusedWithTheOneItMeant() {
		assertRejected("video,instrution\na.mp4,x\n", "column 'instrution'", "did you mean 'instruction'");
		assertRejected("video,instruction,outptu\na.mp4,x,b.mp4\n", "column 'outptu'", "did you mean 'output'");
	}

	@Test
	void columnNamedTwiceIsRefused() {
		assertRejected("video,instruction,notes,Notes\na.mp4,x,1,2\n", "column 'Notes'", "appears twice");
	}

	@Test
	void semicolonSeparatedFileIsReadAsSuch() throws IOException {
		List<ManifestRow> rows = read("# exported from a German spreadsheet\nvideo;instruction;output\n"
				+ "a.mp4;\"add music; fade out, slowly\";a1.mp4\nb.mp4;calm;\n");
		assertThat(rows).extracting(ManifestRow::instruction).containsExactly("add music; fade out, slowly", "calm");
		assertThat(rows.get(0).output()).isEqualTo(this.dir.resolve("out/a1.mp4"));
	}

	@Test
	void tabSeparatedFileIsReadAsSuch() throws IOException {
		List<ManifestRow> rows = read("video\tinstruction\na.mp4\tadd music, then fade\n");
		assertThat(rows).singleElement().satisfies((row) -> assertThat(row.instruction()).isEqualTo("add music, then fade"));
	}

	@Test
	void fileSeparatedByAnythingElseIsRefusedWithAHint() {
		assertRejected("video|instruction\na.mp4|x\n", "no 'video' column", "save it as CSV with commas, semicolons or tabs");
	}

	@Test
	void rowWithMoreFieldsThanTheHeaderIsRefusedNamingTheRow() {
		assertRejected("video,instruction\na.mp4,x\nb.mp4,add music, then fade it out\n", "row 2 (line 3)",
				"has 3 fields but the header names 2", "an unquoted comma?");
		assertRejected("video,instruction,,\na.mp4,add music, then fade it out\n", "row 1 (line 2)", "an unquoted comma?");
	}

	@Test
	void emptyTrailingFieldsOfASpreadsheetExportAreFine() throws IOException {
		List<ManifestRow> rows = read("\uFEFF Video , INSTRUCTION ,,\r\na.mp4,x,,\r\nb.mp4,\"two\r\nlines\",,,,\r\n");
		assertThat(rows).extracting(ManifestRow::instruction).containsExactly("x", "two\r\nlines");
		assertThat(rows.get(0).notes()).isEmpty();
	}

	@Test
	void duplicateIdNamesRowAndColumn() {
		assertRejected("video,instruction,id\na.mp4,x,one\nb.mp4,y,one\n", "row 2 (line 3), column 'id'",
				"'one' is used by an earlier row");
	}

	@Test
	void twoRowsWritingTheSameOutputAreRejected() {
		assertRejected("video,instruction,output\na.mp4,x,same.mp4\nb.mp4,y,same.mp4\n", "row 2 (line 3), column 'output'",
				"row 1 already writes same.mp4");
	}

	@Test
	void sameFileNameInTwoFoldersKeepsTheFirstNameAndAddsTheLaterRowsId() throws IOException {
		List<ManifestRow> rows = read("video,instruction,id\ncamA/C0001.MP4,x,\ncamB/C0001.MP4,y,\ncamC/C0001.MP4,z,cam c\n");
		assertThat(rows).extracting((row) -> this.dir.resolve("out").relativize(row.output()).toString())
			.containsExactly("C0001.mp4", "C0001-row-2.mp4", "C0001-cam_c.mp4");
	}

	@Test
	void defaultNameNeverTakesANameTheManifestGaveExplicitly() throws IOException {
		List<ManifestRow> rows = read("video,instruction,output\nx.mp4,x,C0001.mp4\ncamB/C0001.MP4,y,\n");
		assertThat(rows.get(1).output()).isEqualTo(this.dir.resolve("out/C0001-row-2.mp4"));
		assertRejected("video,instruction,output\ncamB/C0001.MP4,y,\nx.mp4,x,C0001.mp4\n", "row 2 (line 3)",
				"row 1 already writes C0001.mp4");
	}

	@Test
	void sameVideoOnTwoRowsWithDifferentOutputsIsAllowed() throws IOException {
		assertThat(read("video,instruction,output\na.mp4,x,one.mp4\na.mp4,y,two.mp4\n")).hasSize(2);
	}

	@Test
	void outputEscapingTheOutputFolderIsRejected() {
		assertRejected("video,instruction,output\na.mp4,x,../escape.mp4\n", "row 1 (line 2), column 'output'", "'..'");
		assertRejected("video,instruction,output\na.mp4,x,sub/../../escape.mp4\n", "column 'output'", "'..'");
	}

	@Test
	void absoluteOutputIsRejected() {
		assertRejected("video,instruction,output\na.mp4,x,/etc/passwd.mp4\n", "column 'output'", "absolute path");
	}

	@Test
	void reservedCharactersInOutputAreRejected() {
		assertRejected("video,instruction,output\na.mp4,x,what?.mp4\n", "column 'output'", "reserved character");
		assertRejected("video,instruction,output\na.mp4,x,\"tab\there.mp4\"\n", "column 'output'", "reserved character");
	}

	@Test
	void outputMustNameAVideoContainer() {
		assertRejected("video,instruction,output\na.mp4,x,a.txt\n", "column 'output'", "must end in one of");
	}

	@Test
	void emptyVideoCellIsRejected() {
		assertRejected("video,instruction\n,x\n", "row 1 (line 2), column 'video'", "empty");
	}

	@Test
	void fileThatIsNotUtf8IsRejectedWithAdvice() throws IOException {
		Path manifest = this.dir.resolve("latin1.csv");
		Files.write(manifest, "video,instruction\ncaf\u00e9.mp4,x\n".getBytes(StandardCharsets.ISO_8859_1));
		assertThatThrownBy(() -> read(manifest)).isInstanceOf(ManifestException.class)
			.hasMessageContaining("not UTF-8")
			.hasMessageContaining("save it as UTF-8");
	}

	@Test
	void unclosedQuoteIsReportedWithItsLine() {
		assertRejected("video,instruction\na.mp4,\"never closed\n", "unclosed quote");
	}

	@Test
	void validateCountsRows() throws IOException {
		Path manifest = write("video,instruction\na.mp4,x\nb.mp4,y\nc.mp4,z\n");
		assertThat(new ManifestReader(ManifestSource.of(manifest), this.dir.resolve("out"), false).validate()).isEqualTo(3);
	}

	@Test
	void contentHashChangesWithTheContent() throws IOException {
		Path manifest = write("video,instruction\na.mp4,x\n");
		String before = ManifestSource.of(manifest).sha256();
		Files.writeString(manifest, "video,instruction\na.mp4,y\n");
		assertThat(ManifestSource.of(manifest).sha256()).isNotEqualTo(before);
	}

	private void assertRejected(String content, String... fragments) {
		assertThatThrownBy(() -> read(content)).isInstanceOf(ManifestException.class).satisfies((ex) -> {
			for (String fragment : fragments) {
				assertThat(ex.getMessage()).contains(fragment);
			}
		});
	}

	private List<ManifestRow> read(String content) throws IOException {
		return read(write(content));
	}

	private Path write(String content) throws IOException {
		Path manifest = this.dir.resolve("videos.csv");
		Files.writeString(manifest, content);
		return manifest;
	}

	private List<ManifestRow> read(Path manifest) {
		List<ManifestRow> rows = new ArrayList<>();
		try (ManifestReader.Cursor cursor = new ManifestReader(ManifestSource.of(manifest), this.dir.resolve("out"), false)
			.open()) {
			for (ManifestRow row = cursor.next(); row != null; row = cursor.next()) {
				rows.add(row);
			}
		}
		return rows;
	}

}
