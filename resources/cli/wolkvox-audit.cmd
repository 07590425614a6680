@echo off
rem wolkvox-audit: the Wolkvox Audit command line (wolkvox-audit help). Installed beside "Wolkvox Audit.exe",
rem which runs the command headless and writes to this console (Electron attaches a window app to the
rem console it was started from) or to wherever the output is redirected. A batch file waits for the
rem app to end, so the exit code below is the command's: 0 ok, 2 bad input, 3 auth, 4 quota, 5 network, 6 invalid response.
setlocal
set ELECTRON_NO_ATTACH_CONSOLE=
"%~dp0Wolkvox Audit.exe" %*
exit /b %ERRORLEVEL%
