package plots

import (
	"bytes"
	"image"
	"image/color"
	_ "image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// box is a figure that fills its canvas with one colour: its PNG size depends on nothing
// but the figure's size and the resolution.
func box(w, h vg.Length) *Figure {
	return NewFigure(w, h, "a grey box", func(c draw.Canvas) {
		c.SetColor(color.Gray{Y: 128})
		c.Fill(c.Rectangle.Path())
	})
}

func pngSize(t *testing.T, b []byte) (w, h int) {
	t.Helper()
	cfg, format, err := image.DecodeConfig(bytes.NewReader(b))
	if err != nil || format != "png" {
		t.Fatalf("not a PNG (%s): %v", format, err)
	}
	return cfg.Width, cfg.Height
}

// A PNG has width x dpi / 2.54 pixels per centimetre of figure: 10 cm at 254 dpi is
// 1000 pixels (254 dpi is 100 dots per cm); 17 cm at 300 dpi is 2007.87, rounded to
// 2008; 11 cm at 300 dpi is 1299.2, rounded to 1299; dpi 0 is 150 dpi, 17 cm giving
// 1003.9, rounded to 1004.
func TestPNGResolution(t *testing.T) {
	for _, c := range []struct {
		w, h       vg.Length
		dpi        int
		wantW, wtH int
	}{
		{10 * vg.Centimeter, 5 * vg.Centimeter, 254, 1000, 500},
		{10 * vg.Centimeter, 5 * vg.Centimeter, 127, 500, 250},
		{ColumnWidth, DefaultHeight, 300, 2008, 1299},
		{ColumnWidth, DefaultHeight, 0, 1004, 650},
	} {
		b, err := box(c.w, c.h).PNG(c.dpi)
		if err != nil {
			t.Fatal(err)
		}
		if w, h := pngSize(t, b); w != c.wantW || h != c.wtH {
			t.Errorf("%.1f x %.1f cm at %d dpi: %d x %d px, want %d x %d", float64(c.w/vg.Centimeter), float64(c.h/vg.Centimeter), c.dpi, w, h, c.wantW, c.wtH)
		}
	}
	if _, err := box(vg.Centimeter, vg.Centimeter).PNG(-72); err == nil || !strings.Contains(err.Error(), "-72") {
		t.Errorf("negative resolution: error %v, want one naming -72", err)
	}
}

// Save writes a PNG at the resolution asked and an SVG (vector: no resolution) as Bytes
// renders it; an unknown extension is refused with the path named.
func TestSave(t *testing.T) {
	dir := t.TempDir()
	f := box(10*vg.Centimeter, 5*vg.Centimeter)
	png := filepath.Join(dir, "f.png")
	if err := f.Save(png, 508); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(png)
	if err != nil {
		t.Fatal(err)
	}
	if w, h := pngSize(t, b); w != 2000 || h != 1000 {
		t.Errorf("saved PNG at 508 dpi: %d x %d px, want 2000 x 1000", w, h)
	}
	svg := filepath.Join(dir, "f.SVG")
	if err := f.Save(svg, 508); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(svg)
	want, _ := f.Bytes("svg")
	if !bytes.Equal(got, want) || !bytes.Contains(got, []byte(`width="283.46pt"`)) {
		t.Errorf("saved SVG differs from Bytes(\"svg\") or is not 10 cm wide")
	}
	gif := filepath.Join(dir, "f.gif")
	if err := f.Save(gif, 0); err == nil || !strings.Contains(err.Error(), gif) {
		t.Errorf("unknown extension: error %v, want one naming %s", err, gif)
	}
	if err := f.Save(png, -1); err == nil || !strings.Contains(err.Error(), png) {
		t.Errorf("negative resolution: error %v, want one naming %s", err, png)
	}
}

// The same figure gives the same PNG bytes at any one resolution, Bytes("png") is the
// default resolution's, and twice the resolution twice the pixels of the same picture.
func TestPNGDeterministic(t *testing.T) {
	figs := builders(t)
	for _, name := range []string{"lines", "heatmap"} {
		f := figs[name]
		a, err := f.PNG(200)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := f.PNG(200)
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two 200 dpi renderings differ", name)
		}
		d, _ := f.Bytes("png")
		p, _ := f.PNG(0)
		if !bytes.Equal(d, p) {
			t.Errorf("%s: Bytes(\"png\") is not PNG(DefaultDPI)", name)
		}
		low, _ := f.PNG(100)
		w100, _ := pngSize(t, low)
		w200, _ := pngSize(t, a)
		if w200 < 2*w100-1 || w200 > 2*w100+1 {
			t.Errorf("%s: %d px at 200 dpi, %d at 100", name, w200, w100)
		}
	}
}
