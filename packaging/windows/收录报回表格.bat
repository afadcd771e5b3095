@echo off
rem mofan launcher for Windows 10 or later; stays beside mofan.exe.
rem This file is plain ASCII on purpose. cmd.exe reads a batch file line by
rem line in the console's current code page: 936 (GBK) on Chinese Windows
rem until the chcp below, 65001 (UTF-8) after it. Chinese text saved as UTF-8
rem is misread before the chcp and, on older cmd.exe, after it too; saved as
rem GBK it is misread after the chcp. ASCII reads the same in every code
rem page, so all the Chinese the clerk sees comes from mofan.exe itself,
rem and the file name (Chinese) is the only non-ASCII part. CRLF line ends.
rem chcp 65001 lets the console show mofan's UTF-8 messages. The cd below
rem runs in this folder whatever Explorer chose (drag and drop, run as
rem administrator), so seeds\ and output\ are the ones beside mofan.exe.
rem pause keeps the window open until a key is pressed.
rem collect: the returned forms (a folder or .xlsx files) dropped on this
rem file; Explorer passes their full paths, quoted where they hold spaces.
chcp 65001 >nul
cd /d "%~dp0"
mofan.exe collect %*
pause
