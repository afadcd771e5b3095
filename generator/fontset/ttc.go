package fontset

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// TrueType collections (.ttc) hold several fonts sharing tables. Neither the
// PDF writer nor, for some real collections, sfnt.ParseCollection accepts
// them, so one face is copied out into a standalone TrueType font: its table
// directory with fresh offsets, each table 4-byte aligned.

var be = binary.BigEndian

// collectionSize returns the number of fonts in a TTC header.
func collectionSize(data []byte) (int, error) {
	if len(data) < 12 || string(data[:4]) != "ttcf" {
		return 0, errors.New("缺少 ttcf 文件头")
	}
	n := int(be.Uint32(data[8:]))
	if n == 0 || n > (len(data)-12)/4 {
		return 0, fmt.Errorf("字体数 %d 不合理", n)
	}
	return n, nil
}

// extractFace copies face index of a TTC into a standalone font file.
func extractFace(data []byte, index int) ([]byte, error) {
	n, err := collectionSize(data)
	if err != nil {
		return nil, err
	}
	if index < 0 || index >= n {
		return nil, fmt.Errorf("序号 %d 超出范围", index)
	}
	off := int(be.Uint32(data[12+4*index:]))
	if off < 0 || off+12 > len(data) {
		return nil, errors.New("字体目录位置越界")
	}
	dir := data[off:]
	numTables := int(be.Uint16(dir[4:]))
	if numTables == 0 || 12+16*numTables > len(dir) {
		return nil, errors.New("表目录越界")
	}

	type table struct {
		rec        []byte // 16-byte record: tag, checksum, offset, length
		start, len int
	}
	tables := make([]table, numTables)
	size := 12 + 16*numTables
	for i := range tables {
		rec := dir[12+16*i : 12+16*i+16]
		start, length := int(be.Uint32(rec[8:])), int(be.Uint32(rec[12:]))
		if start < 0 || length < 0 || start > len(data) || length > len(data)-start {
			return nil, fmt.Errorf("表 %q 越界", rec[:4])
		}
		tables[i] = table{rec: rec, start: start, len: length}
		size += (length + 3) &^ 3
	}

	out := make([]byte, size)
	copy(out, dir[:4]) // sfnt version
	be.PutUint16(out[4:], uint16(numTables))
	searchRange, entrySelector := 1, 0
	for searchRange*2 <= numTables {
		searchRange *= 2
		entrySelector++
	}
	be.PutUint16(out[6:], uint16(searchRange*16))
	be.PutUint16(out[8:], uint16(entrySelector))
	be.PutUint16(out[10:], uint16(numTables*16-searchRange*16))

	pos := 12 + 16*numTables
	head := -1
	for i, t := range tables {
		rec := out[12+16*i : 12+16*i+16]
		copy(rec, t.rec)
		be.PutUint32(rec[8:], uint32(pos))
		copy(out[pos:], data[t.start:t.start+t.len])
		if string(t.rec[:4]) == "head" && t.len >= 12 {
			head = pos
		}
		pos += (t.len + 3) &^ 3
	}

	// head.checkSumAdjustment covers the whole file: recompute it.
	if head >= 0 {
		be.PutUint32(out[head+8:], 0)
		var sum uint32
		for i := 0; i < len(out); i += 4 {
			sum += be.Uint32(out[i:])
		}
		be.PutUint32(out[head+8:], 0xB1B0AFBA-sum)
	}
	return out, nil
}
