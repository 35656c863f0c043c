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

// Render writes the figure in the given format: "svg" or "png" (150 dpi). The SVG names
// its typeface with Arial, Helvetica and sans-serif as fallbacks (see Font).
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
		c := vgimg.PngCanvas{Canvas: vgimg.NewWith(vgimg.UseWH(f.Width, f.Height), vgimg.UseDPI(150))}
		f.draw(draw.New(c))
		_, err := c.WriteTo(w)
		return err
	}
	return fmt.Errorf("unknown figure format %q (want svg or png)", format)
}

// Bytes renders the figure into memory.
func (f *Figure) Bytes(format string) ([]byte, error) {
	var b bytes.Buffer
	err := f.Render(&b, format)
	return b.Bytes(), err
}

// Save writes the figure to path, in the format its extension names (.svg or .png).
func (f *Figure) Save(path string) error {
	b, err := f.Bytes(strings.TrimPrefix(filepath.Ext(path), "."))
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return os.WriteFile(path, b, 0o644)
}
