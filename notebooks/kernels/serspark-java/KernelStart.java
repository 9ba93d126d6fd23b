import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.LogManager;
import org.rapaio.jupyter.kernel.MainApp;
import org.rapaio.jupyter.kernel.channels.Channels;
import org.rapaio.jupyter.kernel.core.ConnectionProperties;
import org.rapaio.jupyter.kernel.core.Transform;

/**
 * Starts rapaio-jupyter-kernel 3.0.1 like its {@code MainApp} does, minus two defects that break Spark notebooks.
 *
 * <p><b>Logging at FINEST.</b> The kernel's {@code logging.properties} sets the java.util.logging root level to
 * FINEST. Janino (Spark's code generator) then logs every {@code entering(...)} at FINER, Spark's jul-to-slf4j bridge
 * formats those records, and formatting one of Janino's {@code IClass} arguments throws
 * {@code StringIndexOutOfBoundsException} in {@code Descriptor.toClassName}: every generated class fails to compile.
 * Spark falls back to interpreted expressions where it can (printing long stack traces), and fails outright where it
 * cannot ({@code Dataset.cache()}, sort orderings). The root level goes back to INFO here; the kernel's own INFO
 * messages are unchanged.
 *
 * <p><b>Start-up race.</b> {@code Channels.connect} binds the ZeroMQ sockets and starts their loops first, then initialises the kernel
 * (JShell, parsing a ~170-jar classpath: seconds under load) and only then assigns its {@code handlers} map. Jupyter
 * sends {@code kernel_info_request} as soon as the process is up; one arriving in that window hits
 * {@code handlers == null}, the shell thread dies of a NullPointerException and the client gives up after 60 s
 * ("Kernel didn't respond"). With an empty map in place beforehand the early requests are only logged as
 * "Unhandled message" and dropped, and the client's next retry is answered.
 *
 * <p>Run as a single-file program: {@code java -cp rapaio-jupyter-kernel-3.0.1.jar KernelStart.java <connection_file>}.
 */
public final class KernelStart {
  public static void main(String[] args) throws Exception {
    if (args.length != 1) throw new IllegalArgumentException("usage: KernelStart <connection_file>");
    LogManager.getLogManager().readConfiguration(MainApp.class.getClassLoader().getResourceAsStream("logging.properties"));
    LogManager.getLogManager().getLogger("").setLevel(Level.INFO);
    ConnectionProperties props = Transform.fromJson(Files.readString(Path.of(args[0])), ConnectionProperties.class);
    Channels channels = new Channels(props);
    Field handlers = Channels.class.getDeclaredField("handlers");
    handlers.setAccessible(true);
    handlers.set(channels, new ConcurrentHashMap<>());
    channels.connect(MainApp.kernel);
    channels.joinUntilClose();
  }
}
