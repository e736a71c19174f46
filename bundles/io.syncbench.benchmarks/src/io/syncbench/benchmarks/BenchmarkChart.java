package io.syncbench.benchmarks;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

/** A benchmark's figures as a PNG bar chart beside its CSV, drawn with the JDK's own 2D graphics. */
final class BenchmarkChart {

	/** One bar: what was measured and its figure. */
	record Bar(String label, double value, boolean baseline) {
	}

	private static final int WIDTH = 900;
	private static final int BAR_HEIGHT = 44;
	private static final int LEFT = 250;

	private BenchmarkChart() {
	}

	/** Writes {@code png}: the title, one bar per figure in {@code unit}, and a note under them. */
	static void write(Path png, String title, String unit, List<Bar> bars, String note) throws IOException {
		System.setProperty("java.awt.headless", "true"); //$NON-NLS-1$ //$NON-NLS-2$
		int height = 110 + bars.size() * (BAR_HEIGHT + 16) + 40;
		BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		try {
			g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
			g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
			g.setColor(Color.WHITE);
			g.fillRect(0, 0, WIDTH, height);
			g.setColor(new Color(0x20, 0x20, 0x20));
			g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
			g.drawString(title, 20, 36);
			g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
			double largest = bars.stream().mapToDouble(Bar::value).max().orElse(1);
			int room = WIDTH - LEFT - 140;
			int y = 70;
			for (Bar bar : bars) {
				int length = (int) Math.max(2, Math.round(room * bar.value() / largest));
				g.setColor(bar.baseline() ? new Color(0x9e, 0x9e, 0x9e) : new Color(0x1f, 0x6f, 0xb5));
				g.fillRect(LEFT, y, length, BAR_HEIGHT);
				g.setColor(new Color(0x20, 0x20, 0x20));
				g.drawString(bar.label(), 20, y + BAR_HEIGHT / 2 + 5);
				g.drawString(String.format(Locale.ROOT, "%,.0f %s", bar.value(), unit), LEFT + length + 10, //$NON-NLS-1$
						y + BAR_HEIGHT / 2 + 5);
				y += BAR_HEIGHT + 16;
			}
			g.setStroke(new BasicStroke(1));
			g.drawLine(LEFT, 62, LEFT, y - 8);
			g.drawString(note, 20, y + 24);
		} finally {
			g.dispose();
		}
		Files.createDirectories(png.getParent());
		ImageIO.write(image, "png", png.toFile()); //$NON-NLS-1$
	}
}
