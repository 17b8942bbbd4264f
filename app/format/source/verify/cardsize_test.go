package verify

import (
	"testing"

	"evidenceboard/app/format/source"
	"evidenceboard/data"
)

func TestCardSize(t *testing.T) {
	dw, dh := data.DefaultSize(data.KindSource)
	tests := []struct {
		name string
		doc  *source.Document
		w, h float64
	}{
		{"no document", nil, dw, dh},
		{"text", &source.Document{Type: source.TypeText}, dw, dh},
		{"landscape photo 4:3", &source.Document{Type: source.TypeJPEG, Width: 800, Height: 600}, 240, 64 + 165},
		{"square", &source.Document{Type: source.TypePNG, Width: 512, Height: 512}, 240, 64 + 220},
		{"panorama: a least height", &source.Document{Type: source.TypeJPEG, Width: 10000, Height: 500}, 240, 64 + 60},
		{"long scan: a greatest height", &source.Document{Type: source.TypePNG, Width: 500, Height: 8000}, 240, 64 + 260},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, h := CardSize(tt.doc)
			if w != tt.w || h != tt.h {
				t.Errorf("%v × %v, want %v × %v", w, h, tt.w, tt.h)
			}
			if w > data.MaxCardSize || h > data.MaxCardSize {
				t.Errorf("over data.MaxCardSize")
			}
		})
	}
}
