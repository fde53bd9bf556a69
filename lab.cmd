@REM The learner's launcher on Windows: builds the course's command line when needed, then runs it.
@echo off
setlocal
set "ROOT=%~dp0"
set "ROOT=%ROOT:~0,-1%"
set "JAR=%ROOT%\modules\dashboard\target\ecs-labs-lab.jar"
if not exist "%JAR%" (
  echo First start: installing what the labs need ^(the libraries, the emulator, the lab tool; no tests^). 1>&2
  echo This takes a few minutes with an empty Maven repository ^(it downloads about 150 MB^), a minute or two 1>&2
  echo when the libraries are already there; later starts take seconds. Maven inside a lab works after it. 1>&2
  echo If a lab's pom.xml changes later, run: mvnw.cmd -q install -Dmaven.test.skip=true 1>&2
  call "%ROOT%\mvnw.cmd" -q -B -f "%ROOT%\pom.xml" install -Dmaven.test.skip=true 1>&2
  if errorlevel 1 (
    echo The build failed; the lines above say why. Check that a JDK 17 or newer is installed ^(java -version^). 1>&2
    exit /b 1
  )
)
if defined JAVA_HOME (set "JAVA=%JAVA_HOME%\bin\java") else (set "JAVA=java")
@REM A check, a hint or a progress report is over before the JIT's top tier pays off: its first tier alone
@REM and the serial collector halve their CPU time. start and classroom serve for hours: the JVM's defaults.
set "FLAGS=-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
if /i "%~1"=="start" set "FLAGS="
if /i "%~1"=="classroom" set "FLAGS="
"%JAVA%" %FLAGS% -Dlabs.courseRoot="%ROOT%" -jar "%JAR%" %*
