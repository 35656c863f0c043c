package plots

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Figure is a drawing of a given size with a caption that says what data it rests on.
type Figure struct {
	Width, Height vg.Length
	// Caption says what the figure shows, from which data and how many samples.
	Caption string
	draw    func(c draw.Canvas)
}

// NewFigure wraps a drawing function.
func NewFigure(w, h vg.Length, caption string, drawFn func(c draw.Canvas)) *Figure {
	return &Figure{Width: w, Height: h, Caption: caption, draw: drawFn}
}

// FromPlot wraps a single gonum plot, drawn as Plot.Draw does but with its Y label
// placed by this package (see drawPlot).
func FromPlot(p *plot.Plot, w, h vg.Length, caption string) *Figure {
	return NewFigure(w, h, caption, func(c draw.Canvas) { drawPlot(p, c) })
}

// DefaultDPI is the resolution of a PNG rendered without one: Render's and Bytes' "png",
// and Save's and PNG's dpi 0. At 150 dpi a ColumnWidth figure is 1004 pixels wide.
const DefaultDPI = 150

// Render writes the figure in the given format: "svg" or "png" (at DefaultDPI; PNG
// renders at another resolution). The SVG names its typeface with Arial, Helvetica and
// sans-serif as fallbacks (see Font).
func (f *Figure) Render(w io.Writer, format string) error {
	switch strings.ToLower(format) {
	case "svg":
		c := vgsvg.New(f.Width, f.Height)
		f.draw(draw.New(c))
		var b bytes.Buffer
		if _, err := c.WriteTo(&b); err != nil {
			return err
		}
		_, err := w.Write(withFontFallback(b.Bytes()))
		return err
	case "png":
		return f.writePNG(w, DefaultDPI)
	}
	return fmt.Errorf("unknown figure format %q (want svg or png)", format)
}

// writePNG draws the figure into an image of Width x Height at dpi dots per inch:
// ColumnWidth (17 cm) at 300 dpi is 2008 pixels wide, a pixel count rounded to the
// nearest (as gonum's vgimg rounds it).
func (f *Figure) writePNG(w io.Writer, dpi int) error {
	c := vgimg.PngCanvas{Canvas: vgimg.NewWith(vgimg.UseWH(f.Width, f.Height), vgimg.UseDPI(dpi))}
	f.draw(draw.New(c))
	_, err := c.WriteTo(w)
	return err
}

// checkDPI resolves dpi 0 to DefaultDPI and refuses a negative one.
func checkDPI(dpi int) (int, error) {
	switch {
	case dpi == 0:
		return DefaultDPI, nil
	case dpi < 0:
		return 0, fmt.Errorf("resolution %d dpi: want a positive number of dots per inch, or 0 for %d", dpi, DefaultDPI)
	}
	return dpi, nil
}

// Bytes renders the figure into memory, as Render does.
func (f *Figure) Bytes(format string) ([]byte, error) {
	var b bytes.Buffer
	err := f.Render(&b, format)
	return b.Bytes(), err
}

// PNG renders the figure as a PNG image at dpi dots per inch (0: DefaultDPI). The
// figure keeps its size in centimetres, so the resolution sets the pixel count: a
// ColumnWidth (17 cm) figure is 669 pixels wide at 100 dpi and 2008 at 300 dpi, its
// text as large relative to the figure at either.
func (f *Figure) PNG(dpi int) ([]byte, error) {
	dpi, err := checkDPI(dpi)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	err = f.writePNG(&b, dpi)
	return b.Bytes(), err
}

// Save writes the figure to path in the format its extension names: .svg, which is
// vector and takes no resolution (dpi is ignored), or .png at dpi dots per inch (0:
// DefaultDPI; see PNG).
func (f *Figure) Save(path string, dpi int) error {
	var b []byte
	var err error
	switch ext := strings.ToLower(filepath.Ext(path)); ext {
	case ".svg":
		b, err = f.Bytes("svg")
	case ".png":
		b, err = f.PNG(dpi)
	default:
		err = fmt.Errorf("unknown figure format %q (want .svg or .png)", ext)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return os.WriteFile(path, b, 0o644)
}
