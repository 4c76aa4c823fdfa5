package dev.portcullis.auth.server.perf;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} that counts the statements executed (each is one round trip) and the
 * commits: explicit {@code commit()} calls plus every writing statement executed in autocommit mode
 * (each is its own transaction), of one thread: the one that called {@link #reset()} last, so that
 * the audit writer's batches are not counted as the request's. Thread-safe.
 */
final class CountingDataSource implements DataSource {
  private final DataSource target;
  private final AtomicInteger statements = new AtomicInteger();
  private final AtomicInteger commits = new AtomicInteger();
  private volatile Thread counted;
  private final List<String> log = java.util.Collections.synchronizedList(new ArrayList<>());

  CountingDataSource(DataSource target) {
    this.target = target;
  }

  int statements() {
    return statements.get();
  }

  int commits() {
    return commits.get();
  }

  /** The statements since the last reset, first words only (no bound values). */
  List<String> trace() {
    synchronized (log) {
      return List.copyOf(log);
    }
  }

  /** Starts a new count of the statements of the calling thread (the request's). */
  void reset() {
    counted = Thread.currentThread();
    statements.set(0);
    commits.set(0);
    log.clear();
  }

  @Override
  public Connection getConnection() throws SQLException {
    return wrap(target.getConnection());
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return wrap(target.getConnection(username, password));
  }

  private Connection wrap(Connection c) {
    InvocationHandler h =
        (proxy, method, args) -> {
          Object result = invoke(c, method, args);
          if (method.getName().equals("commit") && Thread.currentThread() == counted) {
            commits.incrementAndGet();
            log.add("COMMIT");
          }
          if (result instanceof Statement s
              && (method.getName().equals("prepareStatement")
                  || method.getName().equals("createStatement"))) {
            String sql = args != null && args.length > 0 ? String.valueOf(args[0]) : "";
            return statement(c, s, sql);
          }
          return result;
        };
    return (Connection)
        Proxy.newProxyInstance(
            CountingDataSource.class.getClassLoader(), new Class<?>[] {Connection.class}, h);
  }

  private Object statement(Connection c, Statement s, String preparedSql) {
    Class<?>[] ifaces =
        s instanceof java.sql.PreparedStatement
            ? new Class<?>[] {java.sql.PreparedStatement.class}
            : new Class<?>[] {Statement.class};
    InvocationHandler h =
        (proxy, method, args) -> {
          String name = method.getName();
          if (name.startsWith("execute") && Thread.currentThread() == counted) {
            statements.incrementAndGet();
            String sql = args != null && args.length > 0 ? String.valueOf(args[0]) : preparedSql;
            log.add(sql);
            if (c.getAutoCommit() && writes(sql)) {
              commits.incrementAndGet();
              log.add("(autocommit)");
            }
          }
          return invoke(s, method, args);
        };
    return Proxy.newProxyInstance(CountingDataSource.class.getClassLoader(), ifaces, h);
  }

  private static boolean writes(String sql) {
    String s = sql.toUpperCase(java.util.Locale.ROOT);
    return s.matches("(?s).*\\b(INSERT|UPDATE|DELETE|MERGE)\\b.*");
  }

  private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return target.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    target.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    target.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return target.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return target.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return target.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return target.isWrapperFor(iface);
  }
}
