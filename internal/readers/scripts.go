package readers

// The readers' scripts. Each read script takes workbook paths as arguments
// and prints a JSON array with, per workbook, {"sheets": [{"name", "rows"}]}
// (rows[r][c] a string, number, boolean or null) or {"error": "..."}.

// pyRead reads with openpyxl in read-only mode with cached values.
const pyRead = `
import json, sys, datetime
import openpyxl
out = []
for path in sys.argv[1:]:
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        sheets = []
        for ws in wb.worksheets:
            rows = []
            for row in ws.iter_rows(min_row=1, min_col=1):
                vals = []
                for c in row:
                    v = getattr(c, "value", None)
                    if isinstance(v, (datetime.datetime, datetime.date, datetime.time)):
                        v = v.isoformat()
                    elif isinstance(v, float) and v.is_integer():
                        v = int(v)
                    vals.append(v)
                rows.append(vals)
            sheets.append({"name": ws.title, "rows": rows})
        wb.close()
        out.append({"sheets": sheets})
    except Exception as e:
        out.append({"error": "%s: %s" % (type(e).__name__, e)})
json.dump(out, sys.stdout, ensure_ascii=False)
`

// pySave loads and saves with openpyxl.
const pySave = `
import sys
import openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
wb.save(sys.argv[2])
`

// jsExcelJSRead reads with ExcelJS.
const jsExcelJSRead = `
const ExcelJS = require('exceljs');
function val(cell) {
  if (cell.type === ExcelJS.ValueType.Merge) return null;
  const v = cell.value;
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') {
    if (v.richText) return v.richText.map(r => r.text).join('');
    if ('formula' in v || 'sharedFormula' in v) {
      const r = v.result;
      if (r === undefined || r === null) return null;
      if (typeof r === 'object') return r.error || null;
      return r;
    }
    if ('text' in v) return typeof v.text === 'string' ? v.text : val({value: v.text});
    if ('error' in v) return v.error;
    return JSON.stringify(v);
  }
  return v;
}
(async () => {
  const out = [];
  for (const path of process.argv.slice(1)) {
    try {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(path);
      const sheets = [];
      const wss = wb.worksheets.slice().sort((a, b) => a.orderNo - b.orderNo);
      for (const ws of wss) {
        const rows = [];
        ws.eachRow({includeEmpty: false}, (row, r) => {
          const cells = [];
          row.eachCell({includeEmpty: false}, (cell, c) => { cells[c - 1] = val(cell); });
          for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
          rows[r - 1] = cells;
        });
        for (let i = 0; i < rows.length; i++) if (rows[i] === undefined) rows[i] = [];
        sheets.push({name: ws.name, rows});
      }
      out.push({sheets});
    } catch (e) {
      out.push({error: String(e && e.stack || e)});
    }
  }
  process.stdout.write(JSON.stringify(out));
})();
`

// jsExcelJSSave loads and saves with ExcelJS.
const jsExcelJSSave = `
const ExcelJS = require('exceljs');
(async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(process.argv[1]);
  await wb.xlsx.writeFile(process.argv[2]);
})().catch(e => { console.error(e && e.stack || e); process.exit(1); });
`

// jsSheetJSRead reads with SheetJS.
const jsSheetJSRead = `
const XLSX = require('xlsx');
const out = [];
for (const path of process.argv.slice(1)) {
  try {
    const wb = XLSX.readFile(path, {cellFormula: false, cellHTML: false, cellStyles: false});
    const sheets = [];
    for (const name of wb.SheetNames) {
      const ws = wb.Sheets[name];
      if (!ws || ws['!type'] === 'chart') continue;
      const rows = [];
      for (const addr of Object.keys(ws)) {
        if (addr[0] === '!') continue;
        const cell = ws[addr];
        if (cell.t === 'z') continue;
        const p = XLSX.utils.decode_cell(addr);
        let v = cell.v;
        if (cell.t === 'e') v = cell.w || null;
        if (v instanceof Date) v = v.toISOString();
        if (v === undefined) v = null;
        while (rows.length <= p.r) rows.push([]);
        const row = rows[p.r];
        while (row.length <= p.c) row.push(null);
        row[p.c] = v;
      }
      sheets.push({name, rows});
    }
    out.push({sheets});
  } catch (e) {
    out.push({error: String(e && e.stack || e)});
  }
}
process.stdout.write(JSON.stringify(out));
`

// jsSheetJSSave reads and writes with SheetJS.
const jsSheetJSSave = `
const XLSX = require('xlsx');
const wb = XLSX.readFile(process.argv[1], {cellStyles: true, cellNF: true});
XLSX.writeFile(wb, process.argv[2], {bookType: 'xlsx'});
`

// pyOffice is a LibreOffice conversion server (see office.go). Argument: a
// profile folder, empty or new. It starts soffice headless on a pipe, prints
// "ready", then reads requests from standard input, one JSON object a line:
// {"format": "ext[:filter[:options]]", "outdir": dir, "files": [paths]};
// it converts each file into outdir as `soffice --convert-to` does, then
// prints {"error": ""} or the error. At the end of its input it stops
// LibreOffice (the whole process group) and removes the profile.
const pyOffice = `
import json, os, queue, shutil, signal, subprocess, sys, threading, time
import uno
from com.sun.star.beans import PropertyValue

def prop(name, value):
    p = PropertyValue(); p.Name = name; p.Value = value; return p

profile = sys.argv[1]
pipe = "mofan-lo-%d" % os.getpid()
proc = subprocess.Popen(["soffice", "--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
    "-env:UserInstallation=" + uno.systemPathToFileUrl(os.path.abspath(profile)),
    "--accept=pipe,name=%s;urp;StarOffice.ComponentContext" % pipe],
    stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)

def stop():
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except OSError:
        pass
    proc.wait()
    shutil.rmtree(profile, ignore_errors=True)

requests = queue.Queue()
def watch():
    for line in sys.stdin:
        requests.put(line)
    stop()
    os._exit(0)
threading.Thread(target=watch, daemon=True).start()

local = uno.getComponentContext()
resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
ctx = None
for i in range(1200):
    try:
        ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
        break
    except Exception:
        if proc.poll() is not None:
            break
        time.sleep(0.1)
if ctx is None:
    sys.stderr.write("LibreOffice did not start\n")
    stop()
    os._exit(1)
desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
print("ready", flush=True)

defaults = {"pdf": ("calc_pdf_Export", "writer_pdf_Export"), "xlsx": ("Calc MS Excel 2007 XML", None),
    "csv": ("Text - txt - csv (StarCalc)", None), "docx": (None, "MS Word 2007 XML"), "odt": (None, "writer8"),
    "ods": ("calc8", None)}

def convert(fmt, outdir, path):
    parts = fmt.split(":", 2)
    ext = parts[0]
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(path), "_blank", 0,
        (prop("Hidden", True), prop("ReadOnly", True)))
    if doc is None:
        raise Exception("cannot load %s" % path)
    try:
        if len(parts) > 1 and parts[1]:
            filt = parts[1]
        else:
            calc = doc.supportsService("com.sun.star.sheet.SpreadsheetDocument")
            filt = defaults.get(ext, (None, None))[0 if calc else 1]
            if filt is None:
                raise Exception("no export filter for .%s" % ext)
        args = [prop("FilterName", filt), prop("Overwrite", True)]
        if len(parts) > 2:
            args.append(prop("FilterOptions", parts[2]))
        stem = os.path.splitext(os.path.basename(path))[0]
        doc.storeToURL(uno.systemPathToFileUrl(os.path.join(outdir, stem + "." + ext)), tuple(args))
    finally:
        doc.close(True)

while True:
    req = json.loads(requests.get())
    err = ""
    for path in req["files"]:
        try:
            convert(req["format"], req["outdir"], path)
        except Exception as e:
            err = "%s: %s" % (os.path.basename(path), getattr(e, "Message", "") or repr(e))
            break
    print(json.dumps({"error": err}), flush=True)
`
