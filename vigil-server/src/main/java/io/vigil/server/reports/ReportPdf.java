package io.vigil.server.reports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * A report as a PDF (A4): title, period, time zone, tables and the hour x weekday heat map drawn
 * with rectangles. Text uses DejaVu Sans from /usr/share/fonts (any script it covers); Korean
 * labels need a Korean font (fonts-nanum), otherwise the labels fall back to English.
 */
final class ReportPdf {

  static final List<Path> LATIN_FONTS =
      List.of(
          Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
          Path.of("/usr/share/fonts/dejavu/DejaVuSans.ttf"));
  static final List<Path> KOREAN_FONTS =
      List.of(
          Path.of("/usr/share/fonts/truetype/nanum/NanumGothic.ttf"),
          Path.of("/usr/share/fonts/nanum/NanumGothic.ttf"));

  private static final float MARGIN = 40;
  private static final float LINE = 14;

  private final PDDocument doc = new PDDocument();
  private final PDFont font;
  private final Map<String, String> labels;
  private PDPageContentStream cs;
  private float y;

  private ReportPdf(String language) throws IOException {
    Path korean = "ko".equals(language) ? first(KOREAN_FONTS) : null;
    Path latin = first(LATIN_FONTS);
    Path chosen = korean != null ? korean : latin;
    font =
        chosen == null
            ? new PDType1Font(Standard14Fonts.FontName.HELVETICA)
            : PDType0Font.load(doc, chosen.toFile());
    labels = korean != null ? ReportLabels.KO : ReportLabels.EN;
  }

  static byte[] render(Report report, String language) {
    try {
      ReportPdf pdf = new ReportPdf(language);
      return pdf.write(report);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private byte[] write(Report report) throws IOException {
    newPage();
    ZoneId zone = ZoneId.of(report.timeZone());
    DateTimeFormatter fmt =
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(zone);
    text(MARGIN, 18, label("title"));
    y -= 10;
    text(
        MARGIN,
        10,
        label("period")
            + ": "
            + fmt.format(Instant.ofEpochMilli(report.from()))
            + " - "
            + fmt.format(Instant.ofEpochMilli(report.to())));
    text(
        MARGIN,
        10,
        label("timeZone")
            + ": "
            + report.timeZone()
            + "   "
            + label("resolution")
            + ": "
            + report.resolution());
    text(MARGIN, 10, label("hosts") + ": " + report.hosts().size());
    section(label("fields"));
    float[] cols = {MARGIN, 150, 270, 320, 370, 420, 470, 520};
    row(
        cols,
        label("host"),
        label("field"),
        "avg",
        "min",
        "max",
        "p95",
        label("business"),
        label("offHours"));
    for (Report.FieldStats f : report.fields()) {
      row(
          cols,
          f.host(),
          f.field(),
          n(f.avg()),
          n(f.min()),
          n(f.max()),
          n(f.p95()),
          n(f.businessAvg()),
          n(f.offHoursAvg()));
    }
    section(label("availability"));
    float[] acols = {MARGIN, 250, 350};
    row(acols, label("host"), "%", label("downSeconds"));
    for (Report.Availability a : report.availability()) {
      row(acols, a.host(), n(a.pct()), Long.toString(a.downSeconds()));
    }
    if (!report.checks().isEmpty()) {
      section(label("checks"));
      for (Report.CheckAvailability c : report.checks()) {
        row(acols, c.host(), c.check(), n(c.okPct()));
      }
    }
    section(label("problems"));
    float[] pcols = {MARGIN, 200, 300};
    row(pcols, label("severity"), label("count"), label("durationSeconds"));
    for (Report.ProblemStats p : report.problems()) {
      row(pcols, p.severity(), Long.toString(p.count()), Long.toString(p.durationSeconds()));
    }
    heatmap(report.heatmap());
    cs.close();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    doc.save(out);
    doc.close();
    return out.toByteArray();
  }

  private void heatmap(Report.Heatmap heat) throws IOException {
    if (y < MARGIN + 9 * 16 + 40) {
      newPage();
    }
    section(label("heatmap") + ": " + heat.field());
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (Double[] day : heat.cells()) {
      for (Double v : day) {
        if (v != null) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
    }
    float cell = 19;
    float left = MARGIN + 30;
    for (int h = 0; h < 24; h += 3) {
      textAt(left + h * cell, y, 7, Integer.toString(h));
    }
    y -= 4;
    for (int d = 0; d < 7; d++) {
      float top = y - (d + 1) * 16;
      textAt(MARGIN, top + 4, 8, ReportCsv.DAYS.get(d));
      for (int h = 0; h < 24; h++) {
        Double v = heat.cells()[d][h];
        float shade = v == null ? 1f : (float) (hi > lo ? (v - lo) / (hi - lo) : 0.5);
        if (v == null) {
          cs.setNonStrokingColor(0.93f, 0.93f, 0.93f);
        } else {
          cs.setNonStrokingColor(0.2f + 0.8f * shade, 0.75f - 0.5f * shade, 0.9f - 0.8f * shade);
        }
        cs.addRect(left + h * cell, top, cell - 1, 15);
        cs.fill();
      }
    }
    cs.setNonStrokingColor(0f, 0f, 0f);
    y -= 7 * 16 + 20;
    if (lo <= hi) {
      text(MARGIN, 8, "min " + n(lo) + "   max " + n(hi));
    }
  }

  private void section(String title) throws IOException {
    y -= 8;
    text(MARGIN, 12, title);
  }

  private void row(float[] cols, String... cells) throws IOException {
    if (y < MARGIN + LINE) {
      newPage();
    }
    for (int i = 0; i < cells.length; i++) {
      float width =
          (i + 1 < cols.length ? cols[i + 1] : PDRectangle.A4.getWidth() - MARGIN) - cols[i] - 4;
      textAt(cols[i], y, 8, fit(safe(cells[i]), 8, width));
    }
    y -= LINE - 2;
  }

  private void text(float x, float size, String s) throws IOException {
    if (y < MARGIN + size) {
      newPage();
    }
    textAt(x, y, size, safe(s));
    y -= size + 6;
  }

  private void textAt(float x, float atY, float size, String s) throws IOException {
    cs.beginText();
    cs.setFont(font, size);
    cs.newLineAtOffset(x, atY);
    cs.showText(s);
    cs.endText();
  }

  private String fit(String s, float size, float width) throws IOException {
    String t = s;
    while (t.length() > 1 && font.getStringWidth(t) / 1000 * size > width) {
      t = t.substring(0, t.length() - 1);
    }
    return t;
  }

  /** Replaces characters the font cannot show. */
  private String safe(String s) throws IOException {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      String c = new String(Character.toChars(cp));
      try {
        font.encode(c);
        out.append(c);
      } catch (IllegalArgumentException | IOException e) {
        out.append('?');
      }
      i += Character.charCount(cp);
    }
    return out.toString();
  }

  private void newPage() throws IOException {
    if (cs != null) {
      cs.close();
    }
    PDPage page = new PDPage(PDRectangle.A4);
    doc.addPage(page);
    cs = new PDPageContentStream(doc, page);
    y = PDRectangle.A4.getHeight() - MARGIN;
  }

  private String label(String key) {
    return labels.getOrDefault(key, key);
  }

  private static String n(Double v) {
    return v == null ? "-" : String.format(Locale.ROOT, "%.2f", v);
  }

  private static Path first(List<Path> candidates) {
    return candidates.stream().filter(Files::isReadable).findFirst().orElse(null);
  }
}
