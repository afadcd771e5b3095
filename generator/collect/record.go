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
		case ps.DateFrom == input.DateWorkbook && form.Source.DateFrom == input.DateWorkbook && form.Source.Modified.Before(ps.Modified):
			r.Outcome = Older
			return
		case ps.DateFrom != input.DateWorkbook || form.Source.DateFrom != input.DateWorkbook || form.Source.Modified.Equal(ps.Modified):
			// Which is newer cannot be told: the one collected later wins.
			r.Notes = append(r.Notes, fmt.Sprintf("与已收录的 %s 无法按保存时间判断先后（%s），按收录顺序采用本份（如应采用另一份，重新收录那一份即可）",
				ps.File, undecided(ps, form.Source)))
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

// undecided says why two forms' save dates cannot be compared.
func undecided(a, b input.FormSource) string {
	if a.DateFrom == input.DateWorkbook && b.DateFrom == input.DateWorkbook {
		return "保存时间相同，均为 " + local(a.Modified)
	}
	return "至少一份没有记录保存时间"
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
	return c.writeChecked(path, text, func(tmp string, probs *diag.List) {
		input.LoadReturned(tmp, c.Plan, c.Year, probs)
	})
}

// writeChecked puts text at path atomically, after load has read the
// temporary file without an error.
func (c *Collector) writeChecked(path, text string, load func(tmp string, probs *diag.List)) error {
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
	if load(tmp.Name(), &probs); probs.HasErrors() {
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
