package io.serspark.jobs;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Opens an HTML file in headless Chromium (Debian package {@code chromium}) and returns what a
 * small probe script found in the rendered page: the number of rows of every table and the natural
 * width of every image (0 = the browser could not decode it).
 */
final class HeadlessChromium {
  private HeadlessChromium() {}

  static final String PROBE =
      "<script>window.addEventListener('load',function(){"
          + "var t=[].map.call(document.querySelectorAll('table'),function(x){return x.rows.length;});"
          + "var i=[].map.call(document.images,function(x){return x.complete?x.naturalWidth:0;});"
          + "var p=document.createElement('pre');p.id='probe';p.textContent='PROBE tables='+t.join(',')+' images='+i.join(',');"
          + "document.body.appendChild(p);});</script>";

  /**
   * @return the probe line, e.g. {@code PROBE tables=3,5 images=700,520}
   */
  static String probe(Path html, Path tmp) throws IOException, InterruptedException {
    String chromium =
        List.of("/usr/bin/chromium", "/usr/bin/chromium-browser").stream()
            .filter(p -> Files.isExecutable(Path.of(p)))
            .findFirst()
            .orElse(null);
    if (chromium == null) {
      fail(
          "headless Chromium is needed to render the report: apt-get install -y --no-install-recommends chromium");
    }
    String page = Files.readString(html, StandardCharsets.UTF_8);
    assertTrue(page.contains("</body>"), "report.html has a body");
    Path probed = tmp.resolve("probed.html");
    Files.writeString(probed, page.replace("</body>", PROBE + "</body>"), StandardCharsets.UTF_8);
    Path profile = Files.createTempDirectory(tmp, "chromium-profile");
    Path out = tmp.resolve("dom.html");
    Process p =
        new ProcessBuilder(
                chromium,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--user-data-dir=" + profile,
                "--virtual-time-budget=10000",
                "--dump-dom",
                probed.toUri().toString())
            .redirectOutput(out.toFile())
            .redirectError(tmp.resolve("chromium.err").toFile())
            .start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("chromium did not finish rendering " + html + " within 120 s");
    }
    String dom = Files.readString(out, StandardCharsets.UTF_8);
    int at = dom.indexOf("<pre id=\"probe\">PROBE ");
    if (at < 0) {
      fail(
          "the probe script did not run in chromium (exit "
              + p.exitValue()
              + "): "
              + Files.readString(tmp.resolve("chromium.err")).lines().limit(5).toList());
    }
    at += "<pre id=\"probe\">".length();
    return dom.substring(at, dom.indexOf('<', at));
  }
}
