package io.serspark.hadoop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileListingTest {

  @Test
  void localWalkListsWhatListFilesLists(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("a.wav"), "a");
    Files.createDirectories(dir.resolve("Actor_01/sub"));
    Files.writeString(dir.resolve("Actor_01/b.wav"), "bb");
    Files.writeString(dir.resolve("Actor_01/sub/c.flac"), "ccc");
    Files.writeString(dir.resolve("Actor_01/.hidden"), "");
    Files.createDirectories(dir.resolve("empty"));
    LocalFileSystem fs = FileSystem.getLocal(new Configuration());
    org.apache.hadoop.fs.Path root =
        fs.makeQualified(new org.apache.hadoop.fs.Path(dir.toString()));
    // a checksum file that LocalFileSystem hides from both listings
    fs.create(new org.apache.hadoop.fs.Path(root, "written.bin")).close();
    assertTrue(Files.exists(dir.resolve(".written.bin.crc")));

    List<String> expected = new ArrayList<>();
    var it = fs.listFiles(root, true);
    while (it.hasNext()) {
      var s = it.next();
      expected.add(s.getPath() + " " + s.getLen());
    }
    List<String> walked = new ArrayList<>();
    for (FileStatus s : FileListing.files(fs, root)) walked.add(s.getPath() + " " + s.getLen());
    expected.sort(null);
    walked.sort(null);
    assertEquals(5, walked.size(), walked.toString());
    assertEquals(expected, walked);
  }
}
