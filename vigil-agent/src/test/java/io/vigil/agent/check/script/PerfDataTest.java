package io.vigil.agent.check.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Performance data as the Nagios plugin guidelines describe it, and what plugins really print. */
class PerfDataTest {

  private static PerfDatum only(String text) {
    PerfData data = PerfData.parse(text);
    assertThat(data.skipped()).as("skipped in %s", text).isZero();
    assertThat(data.items()).hasSize(1);
    return data.items().get(0);
  }

  @Test
  void fullItemWithAllFields() {
    PerfDatum d = only("time=0.002s;1;2;0;10");
    assertThat(d.label()).isEqualTo("time");
    assertThat(d.value()).isEqualTo(0.002);
    assertThat(d.unit()).isEqualTo(PerfUnit.SECONDS);
    assertThat(d.rawUnit()).isEqualTo("s");
    assertThat(d.warn()).isEqualTo("1");
    assertThat(d.crit()).isEqualTo("2");
    assertThat(d.min()).isEqualTo(0.0);
    assertThat(d.max()).isEqualTo(10.0);
  }

  @Test
  void valueOnly() {
    PerfDatum d = only("users=3");
    assertThat(d.value()).isEqualTo(3.0);
    assertThat(d.unit()).isEqualTo(PerfUnit.NONE);
    assertThat(d.warn()).isEmpty();
    assertThat(d.crit()).isEmpty();
    assertThat(d.min()).isNull();
    assertThat(d.max()).isNull();
  }

  @Test
  void timeUnitsBecomeSeconds() {
    assertThat(only("rta=250ms").value()).isCloseTo(0.25, within(1e-12));
    assertThat(only("t=1500us").value()).isCloseTo(0.0015, within(1e-12));
    PerfDatum withBounds = only("rta=250ms;100;500;0;1000");
    assertThat(withBounds.min()).isEqualTo(0.0);
    assertThat(withBounds.max()).isCloseTo(1.0, within(1e-12));
    assertThat(withBounds.warn()).as("ranges stay in the plugin's unit").isEqualTo("100");
  }

  @Test
  void byteUnitsBecomeBytesWith1024Multiples() {
    assertThat(only("b=10B").value()).isEqualTo(10.0);
    assertThat(only("k=2KB").value()).isEqualTo(2048.0);
    assertThat(only("/=1234MB;;;0;2048").value()).isEqualTo(1234.0 * 1024 * 1024);
    assertThat(only("/=1234MB;;;0;2048").max()).isEqualTo(2048.0 * 1024 * 1024);
    assertThat(only("g=1GB").value()).isEqualTo(1024.0 * 1024 * 1024);
    assertThat(only("t=1TB").value()).isEqualTo(1024.0 * 1024 * 1024 * 1024);
    assertThat(only("t=1TB").unit()).isEqualTo(PerfUnit.BYTES);
  }

  @Test
  void percentAndCounterAreKept() {
    PerfDatum pct = only("pl=0%;20;60;0;100");
    assertThat(pct.unit()).isEqualTo(PerfUnit.PERCENT);
    assertThat(pct.value()).isZero();
    assertThat(pct.max()).isEqualTo(100.0);
    PerfDatum counter = only("packets=123456c");
    assertThat(counter.unit()).isEqualTo(PerfUnit.COUNTER);
    assertThat(counter.value()).isEqualTo(123456.0);
  }

  @Test
  void unknownUomIsKeptUnconverted() {
    PerfDatum d = only("temp=42degC");
    assertThat(d.unit()).isEqualTo(PerfUnit.OTHER);
    assertThat(d.rawUnit()).isEqualTo("degC");
    assertThat(d.value()).isEqualTo(42.0);
  }

  @Test
  void quotedLabelsWithSpacesAndEscapedQuotes() {
    PerfData data =
        PerfData.parse("'C:\\ Label with spaces'=5 'it''s'=6;1;2 ''''=7 'a=b'=8 plain=9");
    assertThat(data.skipped()).isZero();
    assertThat(data.items())
        .extracting(PerfDatum::label)
        .containsExactly("C:\\ Label with spaces", "it's", "'", "a=b", "plain");
    assertThat(data.items()).extracting(PerfDatum::value).containsExactly(5.0, 6.0, 7.0, 8.0, 9.0);
  }

  @Test
  void emptyAndUValuesAreUnknown() {
    PerfData data = PerfData.parse("a=U;1;2 b=;1;2;0;10 c=U");
    assertThat(data.skipped()).isZero();
    assertThat(data.items()).allMatch(PerfDatum::isUnknown);
    assertThat(data.items().get(1).max()).isEqualTo(10.0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"10", "10:", "~:10", "10:20", "@10:20", "@~:5", "-5:5", "1.5:2.5"})
  void rangesAreKeptVerbatim(String range) {
    PerfDatum d = only("x=1;" + range + ";" + range);
    assertThat(d.warn()).isEqualTo(range);
    assertThat(d.crit()).isEqualTo(range);
  }

  @Test
  void whatTheRealPluginsPrint() {
    PerfData load =
        PerfData.parse(
            "load1=0.410;1000.000;2000.000;0; load5=0.510;1000.000;2000.000;0;"
                + " load15=1.000;1000.000;2000.000;0; ");
    assertThat(load.skipped()).isZero();
    assertThat(load.items())
        .extracting(PerfDatum::label)
        .containsExactly("load1", "load5", "load15");
    assertThat(load.items().get(2).value()).isEqualTo(1.0);
    assertThat(load.items().get(2).max()).isNull();

    PerfDatum disk = only("/=27070038016B;243497277849;257024904396;0;270552530944");
    assertThat(disk.unit()).isEqualTo(PerfUnit.BYTES);
    assertThat(disk.value()).isEqualTo(27070038016.0);
    assertThat(disk.max()).isEqualTo(270552530944.0);
  }

  @Test
  void numbersInAllShapes() {
    PerfData data = PerfData.parse("a=-1.5 b=+2 c=.5 d=3. e=1e3 f=2.5E-3s");
    assertThat(data.skipped()).isZero();
    assertThat(data.items())
        .extracting(PerfDatum::value)
        .containsExactly(-1.5, 2.0, 0.5, 3.0, 1000.0, 0.0025);
  }

  @Test
  void malformedItemsAreSkippedAndCountedNeverThrown() {
    PerfData data =
        PerfData.parse(
            "ok1=1 novalue =5 ''=3 x=abc y=1;2;3;4;5;6 z=1;;;low;"
                + " w=1e999 v=1,5 'q'junk=2 ok2=2;;;;");
    assertThat(data.items()).extracting(PerfDatum::label).containsExactly("ok1", "ok2");
    assertThat(data.skipped()).isEqualTo(9);
  }

  @Test
  void unclosedQuoteSkipsOnlyItsToken() {
    PerfData data = PerfData.parse("'broken=1 good=2");
    assertThat(data.items()).extracting(PerfDatum::label).containsExactly("good");
    assertThat(data.skipped()).isEqualTo(1);
  }

  @Test
  void blankOrNullIsEmpty() {
    assertThat(PerfData.parse(null)).isEqualTo(PerfData.EMPTY);
    assertThat(PerfData.parse("   \n ")).isEqualTo(PerfData.EMPTY);
  }

  @Test
  void recordsAreImmutable() {
    PerfData data = PerfData.parse("a=1");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> data.items().add(data.items().get(0)))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void outputSplitsMessageLongTextAndPerfDataOfAllLines() {
    PluginOutput out =
        PluginOutput.parse(
            "DISK OK - free space: / 3326 MB (56%); | /=2643MB;5948;5958;0;5968\n"
                + "/ 15272 MB (77%);\n"
                + "/boot 68 MB (69%);\n"
                + "/home 69357 MB (27%);\n"
                + "/var/log 819 MB (84%); | /boot=68MB;88;93;0;98\n"
                + "/home=69357MB;253404;253409;0;253414\n"
                + "/var/log=818MB;970;975;0;980\n");
    assertThat(out.message()).isEqualTo("DISK OK - free space: / 3326 MB (56%);");
    assertThat(out.longText()).startsWith("/ 15272 MB (77%);").endsWith("/var/log 819 MB (84%);");
    assertThat(out.perfData().skipped()).isZero();
    assertThat(out.perfData().items())
        .extracting(PerfDatum::label)
        .containsExactly("/", "/boot", "/home", "/var/log");
  }

  @Test
  void outputWithoutPerfDataAndCrLf() {
    PluginOutput out = PluginOutput.parse("  OK: all fine  \r\nmore\r\n");
    assertThat(out.message()).isEqualTo("OK: all fine");
    assertThat(out.longText()).isEqualTo("more");
    assertThat(out.perfData().items()).isEmpty();
  }

  @Test
  void longMessagesAreBounded() {
    PluginOutput out = PluginOutput.parse("x".repeat(5000) + "|a=1");
    assertThat(out.message()).hasSize(PluginOutput.MAX_MESSAGE_CHARS).endsWith("\u2026");
    assertThat(out.perfData().items()).hasSize(1);
  }

  @Test
  void emptyOutput() {
    assertThat(PluginOutput.parse("")).isEqualTo(new PluginOutput("", "", PerfData.EMPTY));
    assertThat(PluginOutput.parse(null).perfData().items()).isEqualTo(List.of());
  }
}
