package dev.portcullis.auth.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/** The report knows every benchmark, and knows nothing that is not one. */
final class CatalogueTest {

  @Test
  void every_benchmark_is_catalogued_and_every_figure_is_a_benchmark() throws Exception {
    List<String> benchmarks = new ArrayList<>();
    for (String name : Catalogue.BENCHMARK_CLASSES) {
      Class<?> c = Class.forName("dev.portcullis.auth.benchmarks." + name);
      Map<String, String[]> params = new LinkedHashMap<>();
      for (Field f : c.getFields()) {
        Param p = f.getAnnotation(Param.class);
        if (p != null) {
          params.put(f.getName(), p.value());
        }
      }
      for (Method m : c.getMethods()) {
        if (m.isAnnotationPresent(Benchmark.class)) {
          String base = name + "." + m.getName();
          if (params.isEmpty()) {
            benchmarks.add(base);
          } else {
            // One parameter per class here; extend if a class gets two.
            assertThat(params).hasSize(1);
            Map.Entry<String, String[]> p = params.entrySet().iterator().next();
            for (String v : p.getValue()) {
              benchmarks.add(base + ":" + p.getKey() + "=" + v);
            }
          }
        }
      }
    }
    List<String> catalogued =
        Catalogue.GROUPS.stream()
            .flatMap(g -> g.figures().stream())
            .map(Catalogue.Figure::key)
            .toList();

    assertThat(catalogued).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(benchmarks);
  }
}
