package pdf

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"image"
	"image/png"
	"sync"
)

// pdfImage is a decoded PNG ready to embed: RGB samples and, when any pixel
// is not opaque, an alpha channel written as a soft mask (SMask).
type pdfImage struct {
	w, h  int
	rgb   []byte // deflated (zlib)
	alpha []byte // deflated (zlib), nil when opaque
}

// imageCache decodes each distinct PNG once per run (a seal recurs in many
// documents). It holds at most maxImages images.
type imageCache struct {
	mu sync.Mutex
	m  map[[32]byte]*pdfImage
}

const (
	maxImages    = 64
	maxImagePels = 16 << 20 // pixels; a seal is far smaller
)

func (c *imageCache) get(data []byte) (*pdfImage, error) {
	key := sha256.Sum256(data)
	c.mu.Lock()
	im, ok := c.m[key]
	c.mu.Unlock()
	if ok {
		return im, nil
	}
	im, err := decodePNG(data)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[[32]byte]*pdfImage{}
	}
	if old, ok := c.m[key]; ok {
		return old, nil
	}
	if len(c.m) < maxImages {
		c.m[key] = im
	}
	return im, nil
}

func decodePNG(data []byte) (*pdfImage, error) {
	cfg, err := png.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("不是 PNG 图片：%w", err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width*cfg.Height > maxImagePels {
		return nil, errors.New("图片尺寸不合适")
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("PNG 图片无法读取：%w", err)
	}
	bnd := img.Bounds()
	w, h := bnd.Dx(), bnd.Dy()
	rgb := make([]byte, 0, 3*w*h)
	alpha := make([]byte, 0, w*h)
	opaque := true
	nrgba, isNRGBA := img.(*image.NRGBA)
	for y := bnd.Min.Y; y < bnd.Max.Y; y++ {
		for x := bnd.Min.X; x < bnd.Max.X; x++ {
			var r, g, b, a uint8
			if isNRGBA {
				i := nrgba.PixOffset(x, y)
				r, g, b, a = nrgba.Pix[i], nrgba.Pix[i+1], nrgba.Pix[i+2], nrgba.Pix[i+3]
			} else {
				// colours are premultiplied: undo it for the samples
				R, G, B, A := img.At(x, y).RGBA()
				if A > 0 {
					R, G, B = R*0xffff/A, G*0xffff/A, B*0xffff/A
				}
				r, g, b, a = uint8(R>>8), uint8(G>>8), uint8(B>>8), uint8(A>>8)
			}
			rgb = append(rgb, r, g, b)
			alpha = append(alpha, a)
			if a != 0xff {
				opaque = false
			}
		}
	}
	im := &pdfImage{w: w, h: h, rgb: zlibBytes(levelShared, rgb)}
	if !opaque {
		im.alpha = zlibBytes(levelShared, alpha)
	}
	return im, nil
}

// write writes the image as object obj, with its soft mask after it.
func (im *pdfImage) write(w *writer, obj int) {
	mask := 0
	if im.alpha != nil {
		mask = w.alloc()
	}
	extra := fmt.Sprintf("/Type/XObject/Subtype/Image/Width %d/Height %d/ColorSpace/DeviceRGB/BitsPerComponent 8", im.w, im.h)
	if mask != 0 {
		extra += fmt.Sprintf("/SMask %d 0 R", mask)
	}
	w.stream(obj, extra, im.rgb)
	if mask != 0 {
		w.stream(mask, fmt.Sprintf("/Type/XObject/Subtype/Image/Width %d/Height %d/ColorSpace/DeviceGray/BitsPerComponent 8", im.w, im.h), im.alpha)
	}
}
