@echo off
rem Starts the SyncBench workbench on Windows through the Equinox launcher jar (no native launcher
rem is on Maven Central). Usage: syncbench.cmd [-data <workspace folder>] [other Eclipse arguments]
rem The workspace (default %USERPROFILE%\syncbench-workspace) holds the database and the window layout.
setlocal
set "HERE=%~dp0"
set "JAVA="
if defined JAVA_HOME if exist "%JAVA_HOME%\bin\java.exe" set "JAVA=%JAVA_HOME%\bin\java.exe"
if not defined JAVA for /f "delims=" %%j in ('where java.exe 2^>nul') do if not defined JAVA set "JAVA=%%j"
if not defined JAVA goto nojava
rem The major version: "21" from "java.specification.version = 21", "1" from "= 1.8".
set "SPEC="
set "MAJOR="
for /f "tokens=2 delims==" %%v in ('""%JAVA%" -XshowSettings:properties -version 2^>^&1 ^| findstr /c:"java.specification.version""') do set "SPEC=%%v"
if not defined SPEC goto nojava
for /f "tokens=1 delims=. " %%m in ("%SPEC%") do set /a "MAJOR=%%m"
if not defined MAJOR goto nojava
if %MAJOR% LSS 21 goto nojava
set "LAUNCHER="
for %%l in ("%HERE%plugins\org.eclipse.equinox.launcher_*.jar") do set "LAUNCHER=%%~fl"
if not defined LAUNCHER (
  echo The Equinox launcher jar is missing from %HERE%plugins; reinstall SyncBench. 1>&2
  exit /b 1
)
if not defined SYNCBENCH_VM_ARGS set "SYNCBENCH_VM_ARGS=-Xmx1g"
"%JAVA%" %SYNCBENCH_VM_ARGS% -jar "%LAUNCHER%" %*
exit /b %ERRORLEVEL%

:nojava
echo SyncBench needs Java 21 or newer; none was found in JAVA_HOME or on the PATH. 1>&2
echo Install one, for example with: winget install EclipseAdoptium.Temurin.21.JDK 1>&2
echo (or from https://adoptium.net), and set JAVA_HOME to it. 1>&2
exit /b 1
