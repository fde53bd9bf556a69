@REM The learner's launcher on Windows: builds the course's command line when needed, then runs it.
@echo off
setlocal
set "ROOT=%~dp0"
set "ROOT=%ROOT:~0,-1%"
set "JAR=%ROOT%\modules\dashboard\target\ecs-labs-lab.jar"
if not exist "%JAR%" (
  echo Building the course's tools ^(the first run downloads what it needs^)... 1>&2
  call "%ROOT%\mvnw.cmd" -q -B -f "%ROOT%\pom.xml" install -DskipTests 1>&2
  if errorlevel 1 (
    echo The build failed; the lines above say why. Check that a JDK 17 or newer is installed ^(java -version^). 1>&2
    exit /b 1
  )
)
if defined JAVA_HOME (set "JAVA=%JAVA_HOME%\bin\java") else (set "JAVA=java")
"%JAVA%" -Dlabs.courseRoot="%ROOT%" -jar "%JAR%" %*
