package io.vigil.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StorageControllerTest {

  @Test
  void aLongHistoryIsThinnedKeepingTheFirstAndTheLastSample() {
    List<StorageOverview.Sample> samples = new ArrayList<>();
    for (int i = 0; i < 10_001; i++) {
      samples.add(new StorageOverview.Sample(i * 1000L, i, null));
    }
    List<StorageOverview.Sample> thinned = StorageController.thinned(samples, 2016);

    assertThat(thinned).hasSizeLessThanOrEqualTo(2017);
    assertThat(thinned).hasSizeGreaterThan(1500);
    assertThat(thinned.get(0)).isSameAs(samples.get(0));
    assertThat(thinned.get(thinned.size() - 1)).isSameAs(samples.get(10_000));
    assertThat(thinned).isSortedAccordingTo((a, b) -> Long.compare(a.t(), b.t()));
    assertThat(StorageController.thinned(samples.subList(0, 2016), 2016)).hasSize(2016);
  }
}
