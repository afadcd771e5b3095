// fill.js: open a workbook with ExcelJS or SheetJS (as web systems do), set cells, save.
// usage: node fill.js exceljs|sheetjs in.xlsx out.xlsx {"sheet!A1": value, …}
const [lib, inp, out, json] = process.argv.slice(2);
const cells = JSON.parse(json);
(async () => {
  if (lib === 'exceljs') {
    const ExcelJS = require('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(inp);
    for (const [ref, v] of Object.entries(cells)) {
      const [s, c] = ref.split('!');
      wb.getWorksheet(s).getCell(c).value = v;
    }
    await wb.xlsx.writeFile(out);
  } else {
    const XLSX = require('xlsx');
    const wb = XLSX.readFile(inp, {cellStyles: true, cellFormula: true, bookVBA: false});
    for (const [ref, v] of Object.entries(cells)) {
      const [s, c] = ref.split('!');
      wb.Sheets[s][c] = typeof v === 'number' ? {t: 'n', v} : {t: 's', v};
    }
    XLSX.writeFile(wb, out);
  }
})().catch(e => { console.error(String(e && e.stack || e)); process.exit(1); });
