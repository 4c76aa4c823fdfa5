package dev.portcullis.auth.server.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.EagerContentHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Reads each request body completely, without a worker thread, before the request reaches the API
 * (installed in an {@link EagerContentHandler}). A client that sends its body slowly holds a
 * connection, never one of the threads that answer {@code /health} and everybody else, and it is
 * cut off with 408 when the body is not in within {@code bodyTimeout} of the headers, or when,
 * after the first second, it has arrived slower than {@code minDataRate} bytes per second on
 * average. A body over {@code maxBytes} answers 413 (the error handler words it) once it has been
 * read and thrown away, up to {@link #DRAIN_FACTOR} times {@code maxBytes}: closing a connection
 * with unread bytes makes TCP reset it, and the reset can destroy the answer before the client
 * reads it. Beyond that the answer goes at once and the connection closes. The bytes are copied, so
 * a body sent in many tiny pieces costs its size in memory, not one network buffer per piece.
 */
final class BufferedBodies implements EagerContentHandler.ContentLoaderFactory {
  /** The error message of a body that did not arrive within the body timeout. */
  static final String LATE = "body-timeout";

  /** The error message of a body that arrived slower than the minimum data rate. */
  static final String SLOW = "min-data-rate";

  private static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);

  /** How much of an oversize body is read and discarded before answering 413, in max-bytes. */
  static final int DRAIN_FACTOR = 4;

  private final int maxBytes;
  private final Duration bodyTimeout;
  private final long minDataRate;

  BufferedBodies(int maxBytes, Duration bodyTimeout, long minDataRate) {
    this.maxBytes = maxBytes;
    this.bodyTimeout = bodyTimeout;
    this.minDataRate = minDataRate;
  }

  @Override
  public String getApplicableMimeType() {
    return null; // every content type
  }

  @Override
  public EagerContentHandler.ContentLoader newContentLoader(
      String contentType,
      String mimeType,
      Handler handler,
      Request request,
      Response response,
      Callback callback) {
    return new Loader(handler, request, response, callback);
  }

  private final class Loader extends EagerContentHandler.ContentLoader implements Invocable.Task {
    private final AtomicBoolean finished = new AtomicBoolean();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private long received;
    private boolean oversize;
    private final long startedNanos = System.nanoTime();
    private volatile Scheduler.Task timeout;

    Loader(Handler handler, Request request, Response response, Callback callback) {
      super(handler, request, response, callback);
    }

    @Override
    protected void load() {
      long declared = getRequest().getLength();
      oversize = declared > maxBytes;
      if (declared > (long) maxBytes * DRAIN_FACTOR) {
        if (finish()) {
          Response.writeError(
              getRequest(), getResponse(), getCallback(), HttpStatus.PAYLOAD_TOO_LARGE_413);
        }
        return;
      }
      timeout =
          getRequest()
              .getComponents()
              .getScheduler()
              .schedule(this::expire, bodyTimeout.toMillis(), TimeUnit.MILLISECONDS);
      read(false);
    }

    /** More content arrived (demand callback). */
    @Override
    public void run() {
      read(true);
    }

    @Override
    public InvocationType getInvocationType() {
      return InvocationType.NON_BLOCKING; // reading and copying never block
    }

    private void read(boolean fromCallback) {
      while (!finished.get()) {
        Content.Chunk chunk = getRequest().read();
        if (chunk == null) {
          getRequest().demand(this);
          return;
        }
        if (Content.Chunk.isFailure(chunk)) {
          Throwable failure = chunk.getFailure();
          chunk.release();
          if (finish()) {
            getCallback().failed(failure); // the client went away or sent a broken body
          }
          return;
        }
        boolean last = chunk.isLast();
        int n = chunk.remaining();
        received += n;
        oversize = oversize || received > maxBytes;
        if (oversize) {
          // Read and drop the rest, so the 413 reaches the client; give up past the drain limit.
          chunk.release();
          if ((last || received > (long) maxBytes * DRAIN_FACTOR) && finish()) {
            Response.writeError(
                getRequest(), getResponse(), getCallback(), HttpStatus.PAYLOAD_TOO_LARGE_413);
            return;
          }
          if (last) {
            return;
          }
          continue;
        }
        byte[] bytes = new byte[n];
        chunk.get(bytes, 0, n);
        chunk.release();
        body.write(bytes, 0, n);
        if (last) {
          if (finish()) {
            if (fromCallback) {
              getRequest().getContext().execute(this::dispatch); // the API may block
            } else {
              dispatch();
            }
          }
          return;
        }
        if (tooSlow()) {
          if (finish()) {
            timedOut(SLOW);
          }
          return;
        }
      }
    }

    private boolean tooSlow() {
      if (minDataRate <= 0) {
        return false;
      }
      long elapsed = System.nanoTime() - startedNanos;
      if (elapsed <= GRACE_NANOS) {
        return false;
      }
      long expected = minDataRate * TimeUnit.NANOSECONDS.toMillis(elapsed - GRACE_NANOS) / 1000;
      return received < expected;
    }

    private void expire() {
      if (finish()) {
        timedOut(LATE);
      }
    }

    /** Claims the request for one outcome; false when another (dispatch or a timeout) won. */
    private boolean finish() {
      Scheduler.Task t = timeout;
      if (t != null) {
        t.cancel();
      }
      return finished.compareAndSet(false, true);
    }

    private void timedOut(String why) {
      // The unread rest of the body makes Jetty close the connection after this answer.
      Response.writeError(
          getRequest(), getResponse(), getCallback(), HttpStatus.REQUEST_TIMEOUT_408, why);
    }

    private void dispatch() {
      handle(new Buffered(getRequest(), body.toByteArray()), getResponse(), getCallback());
    }
  }

  /** The request with its body already read. */
  private static final class Buffered extends Request.Wrapper {
    private Content.Chunk next;

    Buffered(Request wrapped, byte[] body) {
      super(wrapped);
      this.next = Content.Chunk.from(ByteBuffer.wrap(body), true);
    }

    @Override
    public synchronized Content.Chunk read() {
      Content.Chunk c = next;
      next = Content.Chunk.EOF;
      return c;
    }

    @Override
    public void demand(Runnable demandCallback) {
      demandCallback.run(); // read() never returns null: content is always available
    }
  }
}
