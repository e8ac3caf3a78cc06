package dev.justsaying.bench.load;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small line chart written as SVG text, with a logarithmic y axis (latencies here span 1 ms to seconds) and a
 * linear or logarithmic x axis. Enough for the benchmark's report, so the bench module needs no charting library
 * and nothing that touches AWT.
 */
final class SvgLineChart {

    /** One line: its name in the legend, its colour, its SVG dash pattern ("" for solid) and its points. */
    record Series(String name, String colour, String dash, List<double[]> points) {
    }

    private static final int WIDTH = 860;
    private static final int HEIGHT = 520;
    private static final int LEFT = 80;
    private static final int RIGHT = 230;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final boolean logX;
    private final List<Series> series = new ArrayList<>();

    /** {@code logX}: a logarithmic x axis ticked at the data's own x values (e.g. rates 20, 50, ..., 500). */
    SvgLineChart(String title, String xLabel, String yLabel, boolean logX) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.logX = logX;
    }

    SvgLineChart add(Series line) {
        series.add(line);
        return this;
    }

    String toSvg() {
        double minX = series.stream().flatMap(s -> s.points().stream()).mapToDouble(p -> p[0]).min().orElse(0);
        double maxX = series.stream().flatMap(s -> s.points().stream()).mapToDouble(p -> p[0]).max().orElse(1);
        double maxY = series.stream().flatMap(s -> s.points().stream()).mapToDouble(p -> p[1]).max().orElse(1);
        double minY = series.stream().flatMap(s -> s.points().stream()).mapToDouble(p -> p[1])
                .filter(y -> y > 0).min().orElse(1);
        int lowDecade = (int) Math.floor(Math.log10(minY));
        int highDecade = (int) Math.ceil(Math.log10(maxY));
        if (highDecade == lowDecade) {
            highDecade++;
        }
        Axes axes = new Axes(minX, maxX == minX ? minX + 1 : maxX, logX, lowDecade, highDecade);
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
                + "height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"13\">%n",
                WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, HEIGHT));
        text(svg, WIDTH / 2.0 - RIGHT / 2.0, 28, "middle", 16, escape(title));
        grid(svg, axes);
        for (Series line : series) {
            plot(svg, axes, line);
        }
        legend(svg);
        text(svg, LEFT + plotWidth() / 2.0, HEIGHT - 15, "middle", 13, escape(xLabel));
        svg.append(String.format(Locale.ROOT, "<text x=\"20\" y=\"%.1f\" text-anchor=\"middle\" "
                + "transform=\"rotate(-90 20 %.1f)\">%s</text>%n", TOP + plotHeight() / 2.0,
                TOP + plotHeight() / 2.0, escape(yLabel)));
        return svg.append("</svg>\n").toString();
    }

    private void grid(StringBuilder svg, Axes axes) {
        for (int decade = axes.lowDecade; decade <= axes.highDecade; decade++) {
            for (int step : new int[] {1, 2, 5}) {
                double value = step * Math.pow(10, decade);
                if (Math.log10(value) > axes.highDecade) {
                    break;
                }
                double y = axes.y(value);
                String colour = step == 1 ? "#bbbbbb" : "#e6e6e6";
                line(svg, LEFT, y, LEFT + plotWidth(), y, colour);
                text(svg, LEFT - 6, y + 4, "end", 12, label(value));
            }
        }
        List<Double> ticks = logX ? series.stream().flatMap(s -> s.points().stream()).map(p -> p[0]).distinct()
                .sorted().toList() : xTicks(axes.minX, axes.maxX);
        for (double x : ticks) {
            double px = axes.x(x);
            line(svg, px, TOP, px, TOP + plotHeight(), "#eeeeee");
            text(svg, px, TOP + plotHeight() + 18, "middle", 12, label(x));
        }
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
                + "stroke=\"#444444\"/>%n", LEFT, TOP, plotWidth(), plotHeight()));
    }

    private static List<Double> xTicks(double min, double max) {
        double span = max - min;
        double step = Math.pow(10, Math.floor(Math.log10(span)));
        if (span / step < 4) {
            step /= 2;
        }
        if (span / step > 10) {
            step *= 2;
        }
        List<Double> ticks = new ArrayList<>();
        for (double x = Math.ceil(min / step) * step; x <= max + 1e-9; x += step) {
            ticks.add(x);
        }
        return ticks;
    }

    private void plot(StringBuilder svg, Axes axes, Series line) {
        StringBuilder points = new StringBuilder();
        for (double[] point : line.points()) {
            if (point[1] > 0) {
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", axes.x(point[0]), axes.y(point[1])));
            }
        }
        svg.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s "
                + "points=\"%s\"/>%n", line.colour(), dashAttribute(line),
                points.toString().trim()));
        for (double[] point : line.points()) {
            if (point[1] > 0 && line.points().size() <= 12) {
                svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n",
                        axes.x(point[0]), axes.y(point[1]), line.colour()));
            }
        }
    }

    private void legend(StringBuilder svg) {
        double x = LEFT + plotWidth() + 15;
        double y = TOP + 10;
        for (Series line : series) {
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                    + "stroke=\"%s\" stroke-width=\"2\"%s/>%n", x, y, x + 28, y, line.colour(),
                    dashAttribute(line)));
            text(svg, x + 34, y + 4, "start", 12, escape(line.name()));
            y += 22;
        }
    }

    private static String dashAttribute(Series line) {
        return line.dash().isEmpty() ? "" : " stroke-dasharray=\"" + line.dash() + "\"";
    }

    private static String label(double value) {
        return new BigDecimal(value).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }

    private static void line(StringBuilder svg, double x1, double y1, double x2, double y2, String colour) {
        svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                + "stroke=\"%s\"/>%n", x1, y1, x2, y2, colour));
    }

    private static void text(StringBuilder svg, double x, double y, String anchor, int size, String text) {
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\">"
                + "%s</text>%n", x, y, anchor, size, text));
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static int plotWidth() {
        return WIDTH - LEFT - RIGHT;
    }

    private static int plotHeight() {
        return HEIGHT - TOP - BOTTOM;
    }

    /** Maps data to pixels: x linear or logarithmic between its extremes, y logarithmic over whole decades. */
    private record Axes(double minX, double maxX, boolean logX, int lowDecade, int highDecade) {
        double x(double value) {
            double fraction = logX ? Math.log(value / minX) / Math.log(maxX / minX) : (value - minX) / (maxX - minX);
            return LEFT + fraction * plotWidth();
        }

        double y(double value) {
            double fraction = (Math.log10(value) - lowDecade) / (highDecade - lowDecade);
            return TOP + plotHeight() - fraction * plotHeight();
        }
    }
}
