import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.LogManager;
import org.rapaio.jupyter.kernel.MainApp;
import org.rapaio.jupyter.kernel.channels.AbstractChannel;
import org.rapaio.jupyter.kernel.channels.Channels;
import org.rapaio.jupyter.kernel.channels.LoopThread;
import org.rapaio.jupyter.kernel.core.ConnectionProperties;
import org.rapaio.jupyter.kernel.core.Transform;

/**
 * Starts rapaio-jupyter-kernel 3.0.1 like its {@code MainApp} does, minus three defects that break notebooks.
 *
 * <p><b>Logging at FINEST.</b> The kernel's {@code logging.properties} sets the java.util.logging root level to
 * FINEST. Janino (Spark's code generator) then logs every {@code entering(...)} at FINER, Spark's jul-to-slf4j bridge
 * formats those records, and formatting one of Janino's {@code IClass} arguments throws
 * {@code StringIndexOutOfBoundsException} in {@code Descriptor.toClassName}: every generated class fails to compile.
 * Spark falls back to interpreted expressions where it can (printing long stack traces), and fails outright where it
 * cannot ({@code Dataset.cache()}, sort orderings). The root level goes back to INFO here; the kernel's own INFO
 * messages are unchanged.
 *
 * <p><b>Handlers assigned late.</b> {@code Channels.connect} binds the ZeroMQ sockets and starts their loops first,
 * then initialises the kernel and only then assigns its {@code handlers} map. A {@code kernel_info_request} arriving
 * in that window hits {@code handlers == null} and the shell thread dies of a NullPointerException. With an empty map
 * in place beforehand the early requests are only logged as "Unhandled message" and dropped, and the client's next
 * retry is answered.
 *
 * <p><b>Loop threads that never loop.</b> {@code LoopThread.start()} calls {@code Thread.start()} and only then sets
 * its {@code running} flag; a new thread scheduled before that write reads {@code false} and returns at once, without
 * a word. Whichever of the shell, control and heartbeat loops lost that race is gone: a dead shell loop is a kernel
 * that never answers {@code kernel_info_request} ("Kernel didn't respond in 60 seconds"): 10 of 20, then 3 of 15
 * starts on the 2-core project machine. After {@code connect} every channel's loop is checked; one that ended while
 * still flagged running is replaced by a new loop on the same socket, name, period and body, flagged before it starts.
 *
 * <p>Run as a single-file program: {@code java -cp rapaio-jupyter-kernel-3.0.1.jar KernelStart.java <connection_file>}.
 */
public final class KernelStart {
  /** A loop that is still RUNNABLE this long after connect is running its body, so it did enter the loop. */
  private static final long SETTLE_MILLIS = 5_000;

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
    restartLoopsThatNeverRan(channels);
    channels.joinUntilClose();
  }

  /** Replaces every channel loop that lost the start race in {@code LoopThread.start()} (see the class comment). */
  @SuppressWarnings("unchecked")
  private static void restartLoopsThatNeverRan(Channels channels)
      throws ReflectiveOperationException, InterruptedException {
    Field set = Channels.class.getDeclaredField("channels");
    set.setAccessible(true);
    Field running = LoopThread.class.getDeclaredField("running");
    Field sleep = LoopThread.class.getDeclaredField("sleep");
    Field body = LoopThread.class.getDeclaredField("loopBody");
    for (Field f : List.of(running, sleep, body)) f.setAccessible(true);
    for (AbstractChannel channel : (Set<AbstractChannel>) set.get(channels)) {
      Field loopField = loopField(channel.getClass());
      if (loopField == null) continue;                  // iopub and stdin have no loop of their own
      LoopThread loop = (LoopThread) loopField.get(channel);
      if (loop == null || !endedWhileRunning(loop, running)) continue;
      LoopThread again = new LoopThread(loop.getName(), sleep.getLong(loop), (Runnable) body.get(loop));
      running.setBoolean(again, true);                  // before start: this thread cannot read false
      again.start();
      loopField.set(channel, again);                    // volatile: close() and joinUntilClose() see the new loop
      System.err.println("KernelStart: the " + channel.getClass().getSimpleName() + " loop (" + loop.getName()
          + ") had ended while flagged running (rapaio's LoopThread start race); started it again");
    }
  }

  /**
   * Whether the loop ended while still flagged running, as the start race's loser does (a loop shut down on purpose
   * has the flag cleared first). A loop seen sleeping, waiting or blocked is in its pass, so it did not lose the race;
   * RUNNABLE is either (a loser about to return, or a pass at work), so it is watched until it is not.
   */
  private static boolean endedWhileRunning(LoopThread loop, Field running)
      throws IllegalAccessException, InterruptedException {
    long deadline = System.currentTimeMillis() + SETTLE_MILLIS;
    while (true) {
      Thread.State state = loop.getState();
      if (state == Thread.State.TERMINATED) return running.getBoolean(loop);
      if (state != Thread.State.RUNNABLE && state != Thread.State.NEW) return false;
      if (System.currentTimeMillis() > deadline) return false;
      Thread.sleep(1);
    }
  }

  private static Field loopField(Class<?> type) {
    for (Field f : type.getDeclaredFields()) {
      if (f.getType() == LoopThread.class) {
        f.setAccessible(true);
        return f;
      }
    }
    return null;
  }
}
