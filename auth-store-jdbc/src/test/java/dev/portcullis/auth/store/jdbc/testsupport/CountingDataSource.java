package dev.portcullis.auth.store.jdbc.testsupport;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} that records the SQL of every statement its connections prepare or execute
 * ({@code prepareStatement}, {@code prepareCall}, and {@code execute*} with SQL on a plain {@code
 * Statement}) and counts their commits, to pin how many round trips an operation costs.
 * Thread-safe.
 */
public final class CountingDataSource {
  private final DataSource proxy;
  private final List<String> statements = new ArrayList<>();
  private final AtomicInteger commits = new AtomicInteger();

  public CountingDataSource(DataSource delegate) {
    this.proxy =
        proxy(
            DataSource.class,
            delegate,
            (method, result) ->
                method.getName().equals("getConnection")
                    ? proxy(Connection.class, result, this::onConnection)
                    : result);
  }

  /** The data source to hand to the stores. */
  public DataSource dataSource() {
    return proxy;
  }

  /** Forgets what was recorded so far. */
  public synchronized void reset() {
    statements.clear();
    commits.set(0);
  }

  /** The SQL of every statement since the last {@link #reset}, in order. */
  public synchronized List<String> statements() {
    return List.copyOf(statements);
  }

  /** The commits since the last {@link #reset}. */
  public int commits() {
    return commits.get();
  }

  private synchronized void record(String sql) {
    statements.add(sql);
  }

  private Object onConnection(Method method, Object result) {
    switch (method.getName()) {
      case "commit" -> commits.incrementAndGet();
      case "createStatement" -> {
        return proxy(Statement.class, result, (m, r) -> r);
      }
      default -> {
        // prepared statements are recorded when prepared (see proxy)
      }
    }
    return result;
  }

  private interface After {
    Object apply(Method method, Object result);
  }

  private <T> T proxy(Class<T> type, Object target, After after) {
    InvocationHandler handler =
        (p, method, args) -> {
          String name = method.getName();
          boolean sql =
              args != null
                  && args.length > 0
                  && args[0] instanceof String
                  && (name.equals("prepareStatement")
                      || name.equals("prepareCall")
                      || (type == Statement.class && name.startsWith("execute")));
          if (sql) {
            record((String) args[0]);
          }
          Object result;
          try {
            result = method.invoke(target, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
          return after.apply(method, result);
        };
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
  }
}
