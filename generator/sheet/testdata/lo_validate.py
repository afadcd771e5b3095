# lo_validate.py: which values LibreOffice's data validation accepts in a cell.
# usage: /usr/bin/python3 lo_validate.py PROFILE_DIR BOOK.xlsx SHEET CELL VALUE… [-- BOOK.xlsx SHEET CELL VALUE…]…
# Starts LibreOffice headless once; for each book, enters each value into the
# cell through the API (which does not validate), then asks LibreOffice to
# mark invalid data (Tools ▸ Detective ▸ Mark Invalid Data) and prints a line
# of VALUE:valid or VALUE:invalid for each.
import sys, subprocess, time, uno, os, socket
from com.sun.star.beans import PropertyValue
prof = uno.systemPathToFileUrl(os.path.abspath(sys.argv[1]))
jobs, job = [], []
for a in sys.argv[2:] + ["--"]:
    if a == "--":
        jobs.append(job); job = []
    else:
        job.append(a)
s = socket.socket(); s.bind(("localhost", 0)); port = s.getsockname()[1]; s.close()
p = subprocess.Popen(["soffice", "--headless", "--invisible", "-env:UserInstallation="+prof,
    "--accept=socket,host=localhost,port=%d;urp;" % port], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
ctx = None
local = uno.getComponentContext()
resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
for i in range(240):
    try:
        ctx = resolver.resolve("uno:socket,host=localhost,port=%d;urp;StarOffice.ComponentContext" % port); break
    except Exception:
        time.sleep(0.5)
smgr = ctx.ServiceManager
desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
h = PropertyValue(); h.Name = "Hidden"; h.Value = True
for job in jobs:
    path, sheet, ref, values = os.path.abspath(job[0]), job[1], job[2], job[3:]
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(path), "_blank", 0, (h,))
    sh = doc.Sheets.getByName(sheet)
    out = []
    for v in values:
        c = sh.getCellRangeByName(ref)
        c.setValue(float(v))
        dp = sh.DrawPage
        while dp.Count: dp.remove(dp.getByIndex(0))
        sh.showInvalid()
        out.append("%s:%s" % (v, "invalid" if dp.Count > 0 else "valid"))
    print(" ".join(out))
    doc.close(True)
p.terminate()
p.wait()
