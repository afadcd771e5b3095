package collect

import (
	"fmt"
	"os"
	"path/filepath"

	"mofan/generator/diag"
	"mofan/generator/input"
)

// record writes the checked form of r to its unit's returned file, unless
// that file already records this form or a newer one.
func (c *Collector) record(r *Result) {
	form := r.Form
	if _, err := os.Stat(r.Record); err == nil {
		var probs diag.List
		prev := input.LoadReturned(r.Record, c.Plan, c.Year, &probs)
		if probs.HasErrors() || prev == nil {
			r.Form = nil
			r.refuse("已收录的记录 %s 有问题，不能替换：%s（删除该文件后重新收录）", r.Record, firstError(&probs))
			return
		}
		ps := prev.Source
		r.Previous = &ps
		switch {
		case ps.SHA256 == form.Source.SHA256:
			r.Outcome = Unchanged
			return
		case form.Source.Modified.Before(ps.Modified):
			r.Outcome = Older
			return
		case form.Source.Modified.Equal(ps.Modified):
			r.Form = nil
			r.refuse("与已收录的表格 %s 保存时间相同（%s）但内容不同，无法判断哪一份较新（确认后删除 %s 再收录要采用的一份）",
				ps.File, local(ps.Modified), r.Record)
			return
		}
		r.Outcome = Replaced
	} else if !os.IsNotExist(err) {
		r.Form = nil
		r.refuse("无法读取已收录的记录 %s：%v", r.Record, err)
		return
	}
	if err := c.write(r.Record, input.ReturnedText(form, c.Plan)); err != nil {
		r.Form = nil
		r.refuse("无法写入 %s：%v", r.Record, err)
	}
}

func firstError(l *diag.List) string {
	for _, p := range l.Problems() {
		if p.Severity == diag.Error {
			return p.Error()
		}
	}
	return "无法读取"
}

// write puts text at path atomically: into a temporary file beside it, read
// back as strictly as mofan build reads it, then renamed into place.
func (c *Collector) write(path, text string) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	done := false
	defer func() {
		if !done {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err := tmp.WriteString(text); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	var probs diag.List
	if input.LoadReturned(tmp.Name(), c.Plan, c.Year, &probs); probs.HasErrors() {
		return fmt.Errorf("写出的记录未通过检查（程序错误）：%s", firstError(&probs))
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	done = true
	return nil
}
